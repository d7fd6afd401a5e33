import { listRestorableDeletions, restoreDeletion } from '../../services/contacts/contact-deletion.service';
import { slackActor } from '../../services/people/permissions.service';
import { deletedContactsMessage, restoreResultText } from '../../views/contact/deleted-contacts.message';
import { noticeModal } from '../../views/notice.modal';
import { guarded, sourceView, trOf, workspaceIdOf, type ButtonArgs } from '../frame';
import { refreshHomes } from '../shared/home';

/** Restores the deletion the button names (admins only: the service checks) and says what it did. */
async function restore(args: ButtonArgs): Promise<{ workspaceId: string; text: string }> {
  const workspaceId = workspaceIdOf(args);
  const actor = slackActor(args.client, workspaceId, args.body.user.id);
  const result = await restoreDeletion({ workspaceId, actor, deletionId: args.action.value });
  // A restored contact is back in its deleter's and its restorer's "Recent contacts".
  if (result.status === 'restored') refreshHomes(args, [args.body.user.id, result.deletion.deletedBy]);
  return { workspaceId, text: restoreResultText(trOf(args), result) };
}

/** Restore in `/contact deleted`: the list is redrawn, with what the click did on top. */
export async function restoreContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Restoring a contact', async () => {
    const { workspaceId, text } = await restore(args);
    const deletions = await listRestorableDeletions(workspaceId);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...deletedContactsMessage({ tr: trOf(args), deletions, notice: text }),
    });
  });
}

/** Undo under a delete's confirmation: the confirmation is replaced by what the click did. */
export async function undoDelete(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Undoing a delete', async () => {
    const { text } = await restore(args);
    const view = sourceView(args.body);
    if (view)
      await args.client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: noticeModal({ title: 'Kontakt', text }),
      });
    else await args.respond({ response_type: 'ephemeral', replace_original: true, text });
  });
}
