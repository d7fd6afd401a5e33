import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { oppValue, type OppCardPlace, type OppChangeMetadata } from '../../schemas/opportunity-modal';
import { todayIn } from '../../services/calendar';
import { getOpportunitySetup, cycleOf } from '../../services/opportunities/opportunity-setup.service';
import {
  changeOpportunity,
  getOpportunity,
  mayChangeOpportunity,
  type ChangeResult,
  type OpportunityChange,
} from '../../services/opportunities/opportunity.service';
import { getUserProfile } from '../../services/people/user-directory';
import { stageName } from '../../views/opportunity/opportunity-card.view';
import { closeOpportunityModal, updateOpportunityModal } from '../../views/opportunity/opportunity-modals.view';
import { buildNewOpportunityModal } from '../shared/opportunity-modal';
import { fromPrivateMessage } from '../shared/contact-card';
import { opportunityActor, opportunityCardMessage, opportunityCardView } from '../shared/opportunity-card';
import { announceChange } from '../shared/deal-news';
import { guarded, openOrPush, sourceView, tell, trOf, workspaceIdOf, type ButtonArgs, type SelectArgs } from '../frame';

type CardClick = ButtonArgs | SelectArgs;

/** Shows a deal's card where the click was: in place of the card modal / private card, else as a new one. */
async function showCard(args: CardClick, opportunityId: string, notice?: string, replace = true): Promise<void> {
  const workspaceId = workspaceIdOf(args);
  const userId = args.body.user.id;
  const tr = trOf(args);
  const view = args.body.view;
  if (view || !args.body.response_url) {
    const card = await opportunityCardView(args.client, workspaceId, userId, opportunityId, tr, notice);
    if (!card) return tell(args, tr.t('opp.gone'));
    if (replace && view?.callback_id === ids.opportunity.views.card)
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: card });
    else await openOrPush(args, card);
    return;
  }
  const card = await opportunityCardMessage(args.client, workspaceId, userId, opportunityId, tr, notice);
  if (!card) return tell(args, tr.t('opp.gone'));
  await args.respond({
    response_type: 'ephemeral',
    replace_original: replace && fromPrivateMessage(args.body),
    ...card,
  });
}

/** "Open" beside a deal (contact card, pipeline, Home): its card for whoever clicks. */
export async function viewOpportunity(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening an opportunity card', async () => {
    const tr = trOf(args);
    const exists = await getOpportunity(workspaceIdOf(args), args.action.value, 0);
    if (!exists) return tell(args, tr.t('opp.gone'));
    await showCard(args, exists.id, undefined, false);
  });
}

/** What the user is told after a change: what happened, or why nothing did. */
export function changeNotice(result: ChangeResult, tr: Translator, stage: (no: number | null) => string): string {
  switch (result.status) {
    case 'saved': {
      const o = result.opportunity;
      if (o.status === 'won' || o.status === 'lost')
        return `:white_check_mark: ${tr.t(`opp.notice.${o.status}`, { no: o.no, value: tr.amount(o.actualValue ?? 0, o.currency) })}`;
      if (result.before.status !== o.status && (result.before.status === 'won' || result.before.status === 'lost'))
        return `:white_check_mark: ${tr.t('opp.notice.reopened', { no: o.no })}`;
      if (result.before.stageNo !== o.stageNo)
        return `:white_check_mark: ${tr.t('opp.notice.moved', { no: o.no, stage: stage(o.stageNo) })}`;
      return `:white_check_mark: ${tr.t('opp.notice.updated', { no: o.no })}`;
    }
    case 'changed':
      return `:warning: ${tr.t('opp.notice.changed', { user: `<@${result.by}>` })}`;
    case 'refused':
      return `:no_entry: ${tr.t(result.problem.key, result.problem.vars)}`;
    case 'invalid':
      return `:no_entry: ${Object.values(result.errors)
        .map((p) => (p ? tr.t(p.key, p.vars) : ''))
        .join(' ')}`;
    case 'missing':
      return tr.t('opp.gone');
  }
}

/** Next stage, Move to stage…, Reopen: one version-checked change, then the card again with what happened. */
async function changeFromCard(args: CardClick, raw: unknown, change: (stageNo?: number) => OpportunityChange) {
  const tr = trOf(args);
  const value = oppValue.decode(raw);
  if (!value) return tell(args, tr.t('opp.gone'));
  const workspaceId = workspaceIdOf(args);
  const userId = args.body.user.id;
  const [actor, profile] = await Promise.all([
    opportunityActor(args.client, workspaceId, userId),
    getUserProfile(args.client, workspaceId, userId),
  ]);
  const result = await changeOpportunity({
    workspaceId,
    actor,
    opportunityId: value.id,
    expectedVersion: value.version,
    change: change(value.stageNo),
    today: todayIn(profile.tz),
  });
  if (result.status === 'missing') return tell(args, tr.t('opp.gone'));
  const setup = await getOpportunitySetup(workspaceId);
  const cycle = cycleOf(setup, result.opportunity.cycleCode);
  await showCard(
    args,
    value.id,
    changeNotice(result, tr, (no) => stageName(cycle, no, tr)),
  );
  if (result.status === 'saved') await announceChange(args.client, args.logger, workspaceId, result);
}

export const nextStage = (args: ButtonArgs) =>
  guarded(args, 'Moving an opportunity to the next stage', () =>
    changeFromCard(args, args.action.value, () => ({ kind: 'next' })),
  );

export const moveToStage = (args: SelectArgs) =>
  guarded(args, 'Moving an opportunity to a stage', () =>
    changeFromCard(args, args.action.selected_option?.value, (stageNo) =>
      stageNo === undefined ? { kind: 'next' } : { kind: 'stage', stageNo },
    ),
  );

export const reopenOpportunity = (args: ButtonArgs) =>
  guarded(args, 'Reopening an opportunity', () => changeFromCard(args, args.action.value, () => ({ kind: 'reopen' })));

/** Where the card clicked on lives, so the modal opened from it can redraw it once saved. */
function placeOf(args: ButtonArgs): OppCardPlace | undefined {
  const view = args.body.view;
  if (view?.callback_id === ids.opportunity.views.card && typeof view.id === 'string') return { v: view.id };
  if (fromPrivateMessage(args.body) && typeof args.body.response_url === 'string') return { u: args.body.response_url };
  return undefined;
}

/** Update and Close: their modals, for those who may change the deal (others are told who can). */
async function openChangeModal(args: ButtonArgs, which: 'update' | 'close') {
  const tr = trOf(args);
  const value = oppValue.decode(args.action.value);
  const workspaceId = workspaceIdOf(args);
  const opportunity = value ? await getOpportunity(workspaceId, value.id, 0) : undefined;
  if (!value || !opportunity) return tell(args, tr.t('opp.gone'));
  const actor = await opportunityActor(args.client, workspaceId, args.body.user.id);
  if (!mayChangeOpportunity(actor, opportunity))
    return tell(args, tr.t('opp.refused.notYours', { user: `<@${opportunity.salespersonId}>` }));
  if (opportunity.status === 'won' || opportunity.status === 'lost')
    return tell(args, tr.t('opp.refused.closed', { no: opportunity.no }));
  const setup = await getOpportunitySetup(workspaceId);
  const metadata: OppChangeMetadata = { o: opportunity.id, ver: value.version, card: placeOf(args) };
  const view =
    which === 'update'
      ? updateOpportunityModal(tr, opportunity, setup, metadata)
      : closeOpportunityModal(tr, opportunity, setup, metadata);
  if (sourceView(args.body)) await args.client.views.push({ trigger_id: args.body.trigger_id, view });
  else await args.client.views.open({ trigger_id: args.body.trigger_id, view });
}

export const openUpdate = (args: ButtonArgs) =>
  guarded(args, 'Opening the opportunity update modal', () => openChangeModal(args, 'update'));
export const openClose = (args: ButtonArgs) =>
  guarded(args, 'Opening the opportunity close modal', () => openChangeModal(args, 'close'));

/** The contact card's "New opportunity": the modal with that contact picked. */
export const newOpportunityForContact = (args: ButtonArgs) =>
  guarded(args, 'Opening the new opportunity modal', async () => {
    const workspaceId = workspaceIdOf(args);
    const view = await buildNewOpportunityModal({
      workspaceId,
      userId: args.body.user.id,
      tr: trOf(args),
      contactId: args.action.value,
      channelId: args.body.channel?.id,
    });
    await openOrPush(args, view);
  });
