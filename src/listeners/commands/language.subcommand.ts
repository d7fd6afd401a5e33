import { asLocale, LANGUAGE_NAMES, LOCALES, translator, type Locale } from '../../i18n';
import { setUserLanguage } from '../../services/language/language.service';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { reply, type Subcommand } from './subcommands';

/** What people type for a language, besides its code. */
const WORDS: Record<string, Locale> = {
  english: 'en',
  engelsk: 'en',
  norsk: 'nb',
  bokmål: 'nb',
  bokmal: 'nb',
  no: 'nb',
  'nb-no': 'nb',
  'en-us': 'en',
  'en-gb': 'en',
};

/** `/contact language nb|en` (alias `språk`): the language Kontakt speaks to this user, in this workspace. */
export const languageSubcommand: Subcommand = {
  name: 'language',
  aliases: ['språk', 'sprak', 'lang'],
  usage: 'help.usage.language',
  description: 'help.sub.language',
  run: (args, parsed) =>
    guarded(args, 'Choosing a language', async () => {
      const word = parsed.rest.toLowerCase().split(/\s+/)[0] ?? '';
      const locale = asLocale(word) ?? WORDS[word];
      const tr = trOf(args);
      if (!locale) {
        const list = LOCALES.map((code) => `• \`${code}\` — ${LANGUAGE_NAMES[code]}`).join('\n');
        const text =
          word === ''
            ? tr.t('language.current', { language: LANGUAGE_NAMES[tr.locale], list })
            : tr.t('language.unknown', { word: word.slice(0, 20), list });
        return reply(args, { text });
      }
      await setUserLanguage(workspaceIdOf(args), args.command.user_id, locale);
      // Confirmed in the language just chosen: the first thing they read in it.
      await reply(args, { text: translator(locale).t('language.set') });
    }),
};
