import { t } from '../../i18n';
import { deleteContact } from '../../services/contacts/contact-deletion.service';
import { getContact } from '../../services/contacts/contact.service';
import { slackActor } from '../../services/people/permissions.service';
import { contactDeletedMessage, contactDeletedModal } from '../../views/contact/contact-deleted.message';
import { contactCardMessage, contactCardView } from '../shared/contact-card';
import { openContactModal } from '../shared/contact-modal';
import { guarded, openOrPush, sourceView, tell, trOf, workspaceIdOf, type ButtonArgs } from '../frame';
import { refreshHomes } from '../shared/home';

/** View: the card in a modal (pushed when the click came from a modal). */
export async function viewContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening a contact card', async () => {
    const workspaceId = workspaceIdOf(args);
    const view = await contactCardView(args.client, workspaceId, args.body.user.id, args.action.value);
    if (!view) return tell(args, t('contact.error.gone'));
    await openOrPush(args, view);
  });
}

/** Edit: the contact modal, pre-filled. */
export async function editContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening the edit modal', async () => {
    const workspaceId = workspaceIdOf(args);
    const contact = await getContact(workspaceId, args.action.value);
    if (!contact) return tell(args, t('contact.error.gone'));
    await openContactModal(
      args.client,
      args.body.trigger_id,
      {
        workspaceId,
        userId: args.body.user.id,
        tr: trOf(args),
        type: contact.type,
        contact,
        channelId: args.body.channel?.id,
      },
      { push: Boolean(sourceView(args.body)) },
    );
  });
}

/** Add person: a new person with this company already picked. */
export async function addPerson(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening the new-person modal', async () => {
    const workspaceId = workspaceIdOf(args);
    const company = await getContact(workspaceId, args.action.value);
    if (!company || company.type !== 'company') return tell(args, t('contact.error.gone'));
    await openContactModal(
      args.client,
      args.body.trigger_id,
      {
        workspaceId,
        userId: args.body.user.id,
        tr: trOf(args),
        type: 'person',
        company,
        channelId: args.body.channel?.id,
      },
      { push: Boolean(sourceView(args.body)) },
    );
  });
}

/** Share to channel: the card, posted for everyone in the channel the card was shown in. */
export async function shareContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Sharing a contact', async () => {
    const workspaceId = workspaceIdOf(args);
    const card = await contactCardMessage(args.client, workspaceId, args.body.user.id, args.action.value);
    if (!card) return tell(args, t('contact.error.gone'));
    await args.respond({
      response_type: 'in_channel',
      replace_original: false,
      text: t('card.sharedBy', { user: `<@${args.body.user.id}>`, text: card.text }),
      blocks: card.blocks,
    });
  });
}

/** Delete (admins and the contact's salesperson, checked by the service; Slack's confirm dialog asked first). */
export async function removeContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Deleting a contact', async () => {
    const workspaceId = workspaceIdOf(args);
    const actor = slackActor(args.client, workspaceId, args.body.user.id);
    const result = await deleteContact({ workspaceId, actor, contactId: args.action.value });
    if (result.status === 'gone') return tell(args, t('contact.error.gone'));
    if (result.status === 'refused') {
      const salesperson = result.salespersonId ? `<@${result.salespersonId}>` : t('contact.delete.noSalesperson');
      return tell(args, t('contact.delete.notAllowed', { salesperson }));
    }
    // A deleted contact leaves the actor's "Recent contacts".
    refreshHomes(args, [args.body.user.id]);
    const confirmation = { deletion: result.deletion, undo: await actor.isAdmin() };
    const view = sourceView(args.body);
    if (view)
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: contactDeletedModal(confirmation) });
    else
      await args.respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...contactDeletedMessage(confirmation),
      });
  });
}
