import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { ids } from '../../ids';
import { t } from '../../i18n';
import { contactModalMetadataSchema, decodeMetadata, encodeMetadata } from '../../schemas/view-metadata';
import { parseContactModal, fieldErrorsToBlockErrors } from '../../schemas/contact-modal';
import { saveDraft } from '../../services/contacts/contact-draft.service';
import { createContact, updateContact, type SaveResult } from '../../services/contacts/contact.service';
import { getContactSetup } from '../../services/setup/setup.service';
import { slackActor } from '../../services/people/permissions.service';
import { workspaceOf } from '../../services/workspace';
import { duplicatesModal } from '../../views/contact/duplicates-modal.view';
import { confirmSaved } from '../shared/confirm-saved';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const nameBlock = ids.contactField.blocks.name;

/**
 * Submit of the contact modal: validate (inline errors), check for duplicate companies (pushes the comparison),
 * else save and confirm. Everything that decides what the user sees next happens before the ack; the confirmation
 * message goes out after it.
 */
export async function submitContactModal({ ack, body, view, client, context, logger }: ViewArgs): Promise<void> {
  const userId = body.user.id;
  const metadata = decodeMetadata(contactModalMetadataSchema, view.private_metadata);
  if (!metadata) {
    await ack({ response_action: 'errors', errors: { [nameBlock]: t('contact.error.formExpired') } });
    return;
  }
  let result: SaveResult;
  let workspaceId: string;
  try {
    workspaceId = workspaceOf(context);
    const setup = await getContactSetup(workspaceId);
    const parsed = parseContactModal(view.state.values, setup);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    result =
      metadata.mode === 'create'
        ? await createContact({ workspaceId, userId, input: parsed.input, id: metadata.contactId })
        : await updateContact({
            workspaceId,
            actor: slackActor(client, workspaceId, userId),
            contactId: metadata.contactId,
            version: metadata.version ?? -1,
            input: parsed.input,
          });
    if (result.status === 'duplicates') {
      await saveDraft(workspaceId, userId, { ...metadata, input: parsed.input });
      await ack({
        response_action: 'push',
        view: duplicatesModal({
          draft: parsed.input,
          candidates: result.candidates,
          privateMetadata: encodeMetadata({ contactId: metadata.contactId }),
        }),
      });
      return;
    }
  } catch (error) {
    logger.error(`Saving a contact failed: ${(error as Error).message}`);
    await ack({ response_action: 'errors', errors: { [nameBlock]: t('error.tryAgain') } });
    return;
  }
  if (result.status === 'invalid') {
    await ack({ response_action: 'errors', errors: fieldErrorsToBlockErrors(result.errors) });
    return;
  }
  await ack();
  if (result.repeated) return;
  await confirmSaved({
    client,
    logger,
    workspaceId,
    userId,
    channelId: metadata.channelId,
    contact: result.contact,
    created: metadata.mode === 'create',
  });
}
