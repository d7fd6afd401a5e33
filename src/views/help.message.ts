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

/** The `/contact` usage list. */
export function helpMessage(subcommands: SubcommandHelp[], options: { locale?: Locale } = {}): HelpMessage {
  const locale = options.locale ?? 'en';
  const intro = t('help.intro', {}, locale);
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
