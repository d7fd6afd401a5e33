import { ids } from '../../ids';
import { parseInteractionType } from '../../schemas/setup/interaction-type';
import { setupLimits } from '../../schemas/setup/setup-form';
import { decodeMetadata, setupTypeMetadataSchema } from '../../schemas/view-metadata';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup, saveSetupSection } from '../../services/setup/setup.service';
import { escapeMrkdwn, userText } from '../../views/contact/text';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { buildSetupHome, buildSetupSection } from '../shared/setup-views';
import { errorsAck, guardedSubmit, kontaktOf, trOf, type ViewArgs } from '../frame';

const codeBlock = ids.setupField.blocks.typeCode;

/**
 * Save of one interaction type (added or edited): every field checked in one round, the admin check repeated,
 * the code kept unique, then the whole list saved against the version the modal was drawn from. Closing the modal
 * shows the list again, redrawn with what is now stored, and the setup summary behind it.
 */
export function submitSetupType(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  const tr = trOf(args);
  const fail = (text: string) => errorsAck({ [codeBlock]: text });
  return guardedSubmit(args, 'Saving an interaction type', codeBlock, async () => {
    const userId = body.user.id;
    const { workspaceId } = kontaktOf(args.context);
    const metadata = decodeMetadata(setupTypeMetadataSchema, view.private_metadata);
    if (!metadata || metadata.workspaceId !== workspaceId) return fail(tr.t('setup.error.stale'));
    const setup = await getWorkspaceSetup(workspaceId);
    if (!(await rolesOf(client, workspaceId, userId, setup)).isAdmin)
      return fail(setupRefusedMessage(tr, { admins: setup.roles.admins }).text);
    const index = metadata.code === undefined ? -1 : setup.interactionTypes.findIndex((t) => t.code === metadata.code);
    if (metadata.code !== undefined && index < 0) return fail(tr.t('setup.type.error.gone'));
    if (index < 0 && setup.interactionTypes.length >= setupLimits.typesMax)
      return fail(tr.t('setup.type.error.full', { max: setupLimits.typesMax }));
    const others = setup.interactionTypes.filter((_, i) => i !== index);
    const parsed = parseInteractionType(view.state.values, { others, tr });
    if (!parsed.ok) return errorsAck(parsed.errors);
    const types = [...setup.interactionTypes];
    if (index < 0) types.push(parsed.type);
    else types[index] = parsed.type;
    const result = await saveSetupSection({
      workspaceId,
      userId,
      section: 'interactionTypes',
      version: metadata.version,
      patch: { interactionTypes: types },
      tr,
    });
    if (result.status === 'conflict') return fail(tr.t('setup.error.conflict'));
    if (result.status === 'invalid') return fail(Object.values(result.errors).join(' '));
    const saved = result.setup;
    const note = tr.t('setup.types.saved', {
      code: escapeMrkdwn(parsed.type.code),
      description: userText(parsed.type.description, 60),
    });
    return {
      after: async () => {
        await client.views
          .update({
            view_id: metadata.listViewId,
            view: await buildSetupSection(tr, client, workspaceId, userId, 'interactionTypes', { setup: saved, note }),
          })
          .catch((error: Error) => logger.warn(`Refreshing the list of types failed: ${error.message}`));
        if (view.root_view_id)
          await client.views
            .update({
              view_id: view.root_view_id,
              view: await buildSetupHome(tr, workspaceId, kontaktOf(args.context).register.enabled, saved),
            })
            .catch((error: Error) => logger.warn(`Refreshing the setup summary failed: ${error.message}`));
      },
    };
  });
}
