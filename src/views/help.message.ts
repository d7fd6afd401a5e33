import type { KnownBlock } from '@slack/types';
import { t, type Locale } from '../i18n';

export interface SubcommandHelp {
  usage: string;
  description: string;
}

export interface HelpMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The `/contact` usage list; `unknownWord` adds a line saying what was not understood. */
export function helpMessage(subcommands: SubcommandHelp[], options: { unknownWord?: string; locale?: Locale } = {}): HelpMessage {
  const locale = options.locale ?? 'en';
  // Cut the echoed word so a pasted essay cannot blow the section limit.
  const word = options.unknownWord ? options.unknownWord.slice(0, 40).replace(/`/g, "'") : undefined;
  const intro = word ? t('help.unknownSubcommand', { word }, locale) : t('help.intro', {}, locale);
  const lines = subcommands.map((sub) => `• \`${sub.usage}\` — ${sub.description}`).join('\n');
  return {
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: t('help.title', {}, locale) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${intro}\n${lines}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: t('help.footer', {}, locale) }] },
    ],
  };
}
