import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { mrkdwn } from '../contact/text';
import { mentions } from './setup-mentions';

/**
 * The ephemeral answer to someone who may not change setup: who can (the Kontakt admins, or a Slack workspace
 * admin or owner) and what to do next.
 */
export function setupRefusedMessage(
  tr: Translator,
  args: { admins: string[] },
): { text: string; blocks: KnownBlock[] } {
  const admins = mentions(args.admins, undefined, tr);
  const text = admins === '' ? tr.t('setup.refused.noAdmins') : tr.t('setup.refused.admins', { admins });
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
