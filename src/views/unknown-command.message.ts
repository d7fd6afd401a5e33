import type { KnownBlock } from '@slack/types';
import type { Translator } from '../i18n';
import { escapeMrkdwn, truncate } from './contact/text';
import type { SubcommandHelp } from './help.message';

/**
 * `/contact foo` when `foo` is no subcommand and no contact matches it either: says so, with the usage, and keeps
 * what the empty search offered (its "Create 'foo'" button).
 */
export function unknownCommandMessage(
  tr: Translator,
  typed: string,
  usage: SubcommandHelp[],
  offered: unknown[] = [],
): { text: string; blocks: KnownBlock[] } {
  const word = truncate(typed.replace(/`/g, "'"), 60);
  const intro = tr.t('command.unknown', { word });
  const lines = usage.map((sub) => `• \`${sub.usage}\` — ${sub.description}`).join('\n');
  const actions = offered.filter((block): block is KnownBlock => (block as { type?: unknown }).type === 'actions');
  return {
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(intro) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(lines, 3000) } },
      ...actions,
    ],
  };
}
