import { ids } from '../../ids';
import {
  newOppMetadataSchema,
  oppChangeMetadataSchema,
  parseNewOpportunity,
  parseOpportunityClose,
  parseOpportunityUpdate,
  problemsToBlockErrors,
} from '../../schemas/opportunity-modal';
import { decodeMetadata } from '../../schemas/view-metadata';
import { todayIn } from '../../services/calendar';
import { cycleOf, getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import {
  changeOpportunity,
  createOpportunity,
  type OpportunityChange,
} from '../../services/opportunities/opportunity.service';
import { getUserProfile } from '../../services/people/user-directory';
import { notifyUser } from '../../slack/notify';
import { stageName } from '../../views/opportunity/opportunity-card.view';
import { changeNotice } from '../actions/opportunity.actions';
import { errorsAck, guardedSubmit, trOf, workspaceIdOf, type ViewArgs } from '../frame';
import { announce, announceChange } from '../shared/deal-news';
import { opportunityActor, opportunityCardMessage, redrawOpportunityCard } from '../shared/opportunity-card';

const B = ids.opportunity.blocks;

/**
 * New opportunity: every field checked in one round (inline errors), the contact re-checked against the
 * workspace; then the card for its creator where they asked (ephemeral in that channel, else the DM), and the
 * deal news if setup posts new deals. The same submission delivered twice stores one deal (the view's id).
 */
export async function submitNewOpportunity(args: ViewArgs): Promise<void> {
  await guardedSubmit(args, 'Creating an opportunity', B.description, async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const parsed = parseNewOpportunity(args.view.state.values, tr);
    if (!parsed.ok) return errorsAck(parsed.errors);
    const metadata = decodeMetadata(newOppMetadataSchema, args.view.private_metadata) ?? {};
    const result = await createOpportunity({
      workspaceId,
      userId,
      idempotencyKey: `view:${args.view.id}`,
      input: parsed.value,
    });
    if (result.status === 'invalid') return errorsAck(problemsToBlockErrors(result.errors, tr, B.description));
    const { opportunity } = result;
    return {
      after: async () => {
        if (!result.created) return;
        const card = await opportunityCardMessage(
          args.client,
          workspaceId,
          userId,
          opportunity.id,
          tr,
          `:white_check_mark: ${tr.t('opp.notice.created', { no: opportunity.no })}`,
        );
        if (card) await notifyUser(args.client, args.logger, { userId, channelId: metadata.channelId }, card);
        await announce(args.client, args.logger, workspaceId, opportunity, 'created', userId);
      },
    };
  });
}

/** Update and Close: one version-checked change; problems inline; once saved, the card redrawn where it was. */
async function submitChange(
  args: ViewArgs,
  what: string,
  fallbackBlock: string,
  read: () => { ok: true; change: OpportunityChange } | { ok: false; errors: Record<string, string> },
) {
  await guardedSubmit(args, what, fallbackBlock, async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const metadata = decodeMetadata(oppChangeMetadataSchema, args.view.private_metadata);
    if (!metadata) return errorsAck({ [fallbackBlock]: tr.t('opp.gone') });
    const parsed = read();
    if (!parsed.ok) return errorsAck(parsed.errors);
    const [actor, profile] = await Promise.all([
      opportunityActor(args.client, workspaceId, userId),
      getUserProfile(args.client, workspaceId, userId),
    ]);
    const result = await changeOpportunity({
      workspaceId,
      actor,
      opportunityId: metadata.o,
      expectedVersion: metadata.ver,
      change: parsed.change,
      today: todayIn(profile.tz),
    });
    if (result.status === 'invalid') return errorsAck(problemsToBlockErrors(result.errors, tr, fallbackBlock));
    if (result.status !== 'saved') {
      const notice = changeNotice(result, tr, (no) => String(no));
      return errorsAck({ [fallbackBlock]: notice.replace(/^:[a-z_]+: /, '') });
    }
    return {
      after: async () => {
        const setup = await getOpportunitySetup(workspaceId);
        const cycle = cycleOf(setup, result.opportunity.cycleCode);
        const notice = changeNotice(result, tr, (no) => stageName(cycle, no, tr));
        const redrawn = await redrawOpportunityCard(
          args.client,
          workspaceId,
          userId,
          result.opportunity.id,
          metadata.card,
          tr,
          notice,
        ).catch(() => false);
        if (!redrawn) {
          const card = await opportunityCardMessage(
            args.client,
            workspaceId,
            userId,
            result.opportunity.id,
            tr,
            notice,
          );
          if (card) await notifyUser(args.client, args.logger, { userId }, card);
        }
        await announceChange(args.client, args.logger, workspaceId, result);
      },
    };
  });
}

export const submitOpportunityUpdate = (args: ViewArgs) =>
  submitChange(args, 'Updating an opportunity', B.description, () => {
    const parsed = parseOpportunityUpdate(args.view.state.values, trOf(args));
    return parsed.ok ? { ok: true, change: { kind: 'update', values: parsed.value } } : parsed;
  });

export const submitOpportunityClose = (args: ViewArgs) =>
  submitChange(args, 'Closing an opportunity', B.outcome, () => {
    const parsed = parseOpportunityClose(args.view.state.values, trOf(args));
    return parsed.ok ? { ok: true, change: { kind: 'close', ...parsed.value } } : parsed;
  });
