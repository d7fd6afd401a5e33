import { slackActor } from '../../services/people/permissions.service';
import { planErasure } from '../../services/privacy/erasure.service';
import { privacyOverview } from '../../services/privacy/privacy-subject';
import { purgeCancelledVisits } from '../../services/privacy/purge.service';
import { erasureQuestionModal, privacyModal } from '../../views/privacy/privacy.view';
import {
  guarded,
  kontaktOf,
  openOrPush,
  sourceView,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
} from '../frame';
import { answer, refusalText, runErasure, sendPersonExport } from '../shared/privacy';

/**
 * "Personal data…" in a card's ⋯ menu (admins): the modal with Export and Erase… (and, for a company with an
 * org.nr., "Update from the register"). A non-admin or a contact of another workspace is told so.
 */
export async function openPrivacyModal(args: ButtonArgs | OverflowArgs, contactId: unknown): Promise<void> {
  const tr = trOf(args);
  const workspaceId = workspaceIdOf(args);
  const actor = slackActor(args.client, workspaceId, args.body.user.id);
  const overview = await privacyOverview(workspaceId, contactId, actor);
  if (overview.status !== 'found') return answer(args, refusalText(tr, overview));
  const register = kontaktOf(args.context).register;
  await openOrPush(
    args,
    privacyModal(
      {
        contact: overview.contact,
        persons: overview.persons,
        canUpdateFromRegister: register.enabled && overview.hasOrgNo,
      },
      tr,
    ),
  );
}

/** Export in the Personal data modal: the files to the admin's DM. */
export const privacyExport = (args: ButtonArgs) =>
  guarded(args, 'Exporting a contact’s personal data', () => sendPersonExport(args, args.action.value));

/** Erase… in the Personal data modal: the question, in the modal's place; a refusal says why. */
export const privacyAskErase = (args: ButtonArgs) =>
  guarded(args, 'Asking before an erasure', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const plan = await planErasure(
      workspaceId,
      args.action.value,
      slackActor(args.client, workspaceId, args.body.user.id),
    );
    if (plan.status !== 'ready') return answer(args, refusalText(tr, plan));
    const view = sourceView(args.body);
    if (view)
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: erasureQuestionModal(plan.plan, tr) });
    else await openOrPush(args, erasureQuestionModal(plan.plan, tr));
  });

/** Erase under the question (the contact id re-checked: workspace, admin, open opportunities). */
export const privacyErase = (args: ButtonArgs) =>
  guarded(args, 'Erasing a contact', () => runErasure(args, args.action.value));

/** Cancel under the erase or purge question. */
export const privacyCancel = (args: ButtonArgs) =>
  guarded(args, 'Cancelling a privacy question', () => answer(args, trOf(args).t('privacy.erase.cancelled')));

/** Purge under `/contact privacy purge`'s question: every cancelled visit of the workspace goes; the count is told. */
export const privacyPurge = (args: ButtonArgs) =>
  guarded(args, 'Purging cancelled visits', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const result = await purgeCancelledVisits(workspaceId, slackActor(args.client, workspaceId, args.body.user.id));
    if (result.status === 'notAdmin') return answer(args, tr.t('privacy.refused.notAdmin'));
    await answer(args, tr.t('privacy.purge.done', { count: result.count }));
  });
