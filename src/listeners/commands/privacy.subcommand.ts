import { findContactsNamedBy } from '../../services/contacts/contact-mention.service';
import { slackActor } from '../../services/people/permissions.service';
import { planErasure } from '../../services/privacy/erasure.service';
import { privacyContactIdByNo } from '../../services/privacy/privacy-subject';
import { countCancelledVisits } from '../../services/privacy/purge.service';
import { escapeMrkdwn, truncate } from '../../views/contact/text';
import { erasureQuestionMessage, purgeQuestionMessage } from '../../views/privacy/privacy.view';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { refusalText, sendPersonExport } from '../shared/privacy';
import { reply, type CommandArgs, type Subcommand } from './subcommands';

const VERBS: Record<string, 'export' | 'erase' | 'purge'> = {
  export: 'export',
  eksport: 'export',
  eksporter: 'export',
  erase: 'erase',
  slett: 'erase',
  purge: 'purge',
  rydd: 'purge',
};

/**
 * The contact a command's text names, as the other subcommands find it (its exact No. first, which also finds a
 * deleted or privacy-blocked contact); a text that may mean two or three gets them listed, none a sentence.
 */
async function contactNamed(args: CommandArgs, text: string): Promise<string | undefined> {
  const workspaceId = workspaceIdOf(args);
  const tr = trOf(args);
  const byNo = await privacyContactIdByNo(workspaceId, text);
  if (byNo) return byNo;
  const found = await findContactsNamedBy(workspaceId, args.command.user_id, text);
  if (found.picked) return found.picked.id;
  const shown = escapeMrkdwn(truncate(text, 80));
  if (found.candidates.length > 0) {
    const list = found.candidates.map((c) => `*${escapeMrkdwn(truncate(c.name, 80))}* (${c.no})`).join(', ');
    await reply(args, { text: tr.t('privacy.ambiguous', { text: shown, list }) });
  } else await reply(args, { text: tr.t('privacy.notFound', { text: shown }) });
  return undefined;
}

/**
 * `/contact privacy export|erase <contact>` and `/contact privacy purge` (alias `personvern`), admins only: one
 * contact's data to the admin's DM; the erase question (what is removed, what is kept) with Erase / Cancel; the
 * purge question with the count of cancelled visits. Anything else gets the usage.
 */
export const privacySubcommand: Subcommand = {
  name: 'privacy',
  aliases: ['personvern', 'gdpr'],
  usage: 'help.usage.privacy',
  description: 'help.sub.privacy',
  run: (args, parsed) =>
    guarded(args, 'A personal data command', async () => {
      const tr = trOf(args);
      const workspaceId = workspaceIdOf(args);
      const match = /^(\S+)\s*([\s\S]*)$/.exec(parsed.rest);
      const verb = match ? VERBS[match[1]!.toLowerCase()] : undefined;
      const text = (match?.[2] ?? '').trim();
      if (!verb || (verb === 'purge') !== (text === '')) return reply(args, { text: tr.t('privacy.usage') });
      const actor = slackActor(args.client, workspaceId, args.command.user_id);
      if (!(await actor.isAdmin())) return reply(args, { text: tr.t('privacy.refused.notAdmin') });
      if (verb === 'purge') {
        const count = await countCancelledVisits(workspaceId);
        return reply(args, count === 0 ? { text: tr.t('privacy.purge.none') } : purgeQuestionMessage(count, tr));
      }
      const contactId = await contactNamed(args, text);
      if (!contactId) return;
      if (verb === 'export') return sendPersonExport(args, contactId);
      const plan = await planErasure(workspaceId, contactId, actor);
      if (plan.status !== 'ready') return reply(args, { text: refusalText(tr, plan) });
      await reply(args, erasureQuestionMessage(plan.plan, tr));
    }),
};
