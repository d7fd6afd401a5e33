import { ids } from '../../ids';
import { decodeMetadata, registerUpdateMetadataSchema } from '../../schemas/view-metadata';
import { StateReader } from '../../schemas/view-state';
import { isRegisterField, takeFromRegister } from '../../services/company-register/register-update.service';
import { slackActor } from '../../services/people/permissions.service';
import { escapeMrkdwn, truncate } from '../../views/contact/text';
import { redrawCardFromHandle } from '../shared/contact-card';
import { errorsAck, guardedSubmit, kontaktOf, trOf, workspaceIdOf, type ViewArgs } from '../frame';
import { refreshHomes } from '../shared/home';

const block = ids.contactField.registerUpdateBlock;

/**
 * Update in "Update from the register": the ticked fields taken into the company as an edit from the version the
 * user compared (a change by someone else meanwhile is refused inline, as in the edit modal); the card it was
 * opened from is then drawn again with what changed.
 */
export function submitRegisterUpdate(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  return guardedSubmit(args, 'Updating a company from Enhetsregisteret', block, async () => {
    const tr = trOf(args);
    const metadata = decodeMetadata(registerUpdateMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [block]: tr.t('contact.error.formExpired') });
    const fields = new StateReader(view.state.values, block).many(block).filter(isRegisterField);
    if (fields.length === 0) return errorsAck({ [block]: tr.t('register.update.nothingChosen') });
    const workspaceId = workspaceIdOf(args);
    const userId = body.user.id;
    const result = await takeFromRegister({
      register: kontaktOf(args.context).register,
      workspaceId,
      actor: slackActor(client, workspaceId, userId),
      contactId: metadata.c,
      version: metadata.v,
      fields,
      tr,
    });
    switch (result.status) {
      case 'saved':
        break;
      case 'invalid':
        return errorsAck({ [block]: Object.values(result.errors).join(' ') });
      case 'gone':
        return errorsAck({ [block]: tr.t('contact.error.gone') });
      case 'unknown':
        return errorsAck({ [block]: tr.t('register.update.unknown', { orgNo: result.orgNo }) });
      case 'deleted':
        return errorsAck({ [block]: tr.t('register.update.deleted', { name: result.contact.name }) });
      case 'same':
        return errorsAck({ [block]: tr.t('register.update.none', { name: result.contact.name }) });
      default:
        // Nothing ticked differs any more (taken meanwhile), or an answer this form cannot have.
        return errorsAck({ [block]: tr.t('contact.error.changedSinceOpened') });
    }
    const { contact } = result;
    const labels = fields.map((field) => tr.t(`contact.field.${field}`)).join(', ');
    return {
      after: async () => {
        refreshHomes(args, [userId]);
        await redrawCardFromHandle(client, workspaceId, userId, metadata.card, tr, {
          register: kontaktOf(args.context).register,
          notice: tr.t('register.update.saved', { name: escapeMrkdwn(truncate(contact.name, 100)), fields: labels }),
        }).catch((error: Error) => logger.warn(`Redrawing a card after a register update failed: ${error.message}`));
      },
    };
  });
}
