import { ids } from '../../ids';
import { contactModalMetadataSchema, decodeMetadata, encodeMetadata } from '../../schemas/view-metadata';
import { parseContactModal, fieldErrorsToBlockErrors } from '../../schemas/contact-modal';
import { saveDraft } from '../../services/contacts/contact-draft.service';
import { createContact, updateContact } from '../../services/contacts/contact.service';
import { getContactSetup } from '../../services/setup/setup.service';
import { slackActor } from '../../services/people/permissions.service';
import { duplicatesModal } from '../../views/contact/duplicates-modal.view';
import { errorsAck, guardedSubmit, kontaktOf, trOf, workspaceIdOf, type ViewArgs } from '../frame';
import { refreshHomes } from '../shared/home';
import { confirmSaved } from '../shared/confirm-saved';
import { redrawCardFromHandle } from '../shared/contact-card';

export type { ViewArgs };

const nameBlock = ids.contactField.blocks.name;

/**
 * Submit of the contact modal: validate (inline errors), check for duplicate companies (pushes the comparison),
 * else save and confirm. Everything that decides what the user sees next happens before the ack; the confirmation
 * message goes out after it.
 */
export function submitContactModal(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  return guardedSubmit(args, 'Saving a contact', nameBlock, async () => {
    const userId = body.user.id;
    const metadata = decodeMetadata(contactModalMetadataSchema, view.private_metadata);
    const tr = trOf(args);
    if (!metadata) return errorsAck({ [nameBlock]: tr.t('contact.error.formExpired') });
    const workspaceId = workspaceIdOf(args);
    const setup = await getContactSetup(workspaceId);
    const parsed = parseContactModal(view.state.values, setup, tr);
    if (!parsed.ok) return errorsAck(parsed.errors);
    const result =
      metadata.mode === 'create'
        ? await createContact({ workspaceId, userId, input: parsed.input, id: metadata.contactId, tr })
        : await updateContact({
            workspaceId,
            actor: slackActor(client, workspaceId, userId),
            contactId: metadata.contactId,
            version: metadata.version ?? -1,
            input: parsed.input,
            tr,
          });
    if (result.status === 'duplicates') {
      await saveDraft(workspaceId, userId, { ...metadata, input: parsed.input });
      return {
        ack: {
          response_action: 'push',
          view: duplicatesModal({
            tr,
            draft: parsed.input,
            candidates: result.candidates,
            privateMetadata: encodeMetadata({ contactId: metadata.contactId }),
          }),
        },
      };
    }
    if (result.status === 'invalid') return errorsAck(fieldErrorsToBlockErrors(result.errors));
    if (result.repeated) return {};
    const contact = result.contact;
    return {
      after: async () => {
        // The contact is now first in the actor's "Recent contacts".
        refreshHomes(args, [userId]);
        // The card Edit or Add person was chosen on shows the change in place; an edit needs no other answer.
        const created = metadata.mode === 'create';
        const redrawn = await redrawCardFromHandle(client, workspaceId, userId, metadata.card, tr, {
          register: kontaktOf(args.context).register,
          notice: created ? undefined : tr.t('card.notice.saved'),
        }).catch((error: Error) => {
          logger.warn(`Redrawing a contact card after a save failed: ${error.message}`);
          return false;
        });
        if (redrawn && !created) return;
        await confirmSaved({
          client,
          logger,
          workspaceId,
          userId,
          channelId: metadata.channelId,
          contact,
          created,
          tr,
        });
      },
    };
  });
}
