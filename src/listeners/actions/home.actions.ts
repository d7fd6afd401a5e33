import type { AllMiddlewareArgs, BlockAction, ExternalSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { t } from '../../i18n';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { workspaceOf } from '../../services/workspace';
import { contactSearchModal } from '../../views/home/contact-search.modal';
import { noticeModal } from '../../views/notice.modal';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { contactCardView } from '../shared/contact-card';
import { openContactModal } from '../shared/contact-modal';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import { buildSetupHome } from '../shared/setup-views';
import type { ButtonArgs } from './action-args';

type PickArgs = SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs;

/** Home buttons open modals; Home has no response_url, so a failure can only be logged. */
async function fromHome(
  args: ButtonArgs,
  what: string,
  work: (workspaceId: string, userId: string) => Promise<void>,
): Promise<void> {
  await args.ack();
  try {
    await work(workspaceOf(args.context), args.body.user.id);
  } catch (error) {
    args.logger.warn(`${what} from Home failed: ${(error as Error).message}`);
  }
}

export const homeNewContact = (args: ButtonArgs) =>
  fromHome(args, 'New contact', (workspaceId, userId) =>
    openContactModal(args.client, args.body.trigger_id, { workspaceId, userId, type: 'company' }),
  );

export const homeLogVisit = (args: ButtonArgs) =>
  fromHome(args, 'Log visit', async (workspaceId, userId) => {
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: await buildLogVisitModal(args.client, { workspaceId, userId }),
    });
  });

export const homeSearch = (args: ButtonArgs) =>
  fromHome(args, 'Search', async () => {
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: contactSearchModal() });
  });

/** Setup from Home: the button is shown to admins only, and the check is repeated here. */
export const homeSetup = (args: ButtonArgs) =>
  fromHome(args, 'Setup', async (workspaceId, userId) => {
    const setup = await getWorkspaceSetup(workspaceId);
    const allowed = (await rolesOf(args.client, workspaceId, userId, setup)).isAdmin;
    const view = allowed
      ? await buildSetupHome(workspaceId, setup)
      : noticeModal({ title: 'Setup', text: setupRefusedMessage({ admins: setup.roles.admins }).text });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });

/** A contact picked in the Home search modal: the modal turns into that contact's card. */
export async function homeContactPicked(args: PickArgs): Promise<void> {
  await args.ack();
  const view = args.body.view;
  if (!view) return;
  try {
    const card = await contactCardView(
      args.client,
      workspaceOf(args.context),
      args.body.user.id,
      args.action.selected_option?.value,
    );
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: card ?? noticeModal({ title: 'Kontakt', text: t('contact.error.gone') }),
    });
  } catch (error) {
    args.logger.warn(`Showing a picked contact failed: ${(error as Error).message}`);
  }
}
