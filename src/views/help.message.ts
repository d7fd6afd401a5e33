import type { KnownBlock } from '@slack/types';
import type { Translator } from '../i18n';

export interface SubcommandHelp {
  usage: string;
  description: string;
}

export interface HelpMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The `/contact` usage list, in the reader's language. */
export function helpMessage(subcommands: SubcommandHelp[], tr: Translator): HelpMessage {
  const intro = tr.t('help.intro');
  const lines = subcommands.map((sub) => `• \`${sub.usage}\` — ${sub.description}`).join('\n');
  return {
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: tr.t('help.title') } },
      { type: 'section', text: { type: 'mrkdwn', text: `${intro}\n${lines}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: tr.t('help.footer') }] },
    ],
  };
}
