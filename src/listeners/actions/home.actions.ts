import { asLocale, translator } from '../../i18n';
import { setUserLanguage } from '../../services/language/language.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { contactSearchModal } from '../../views/home/contact-search.modal';
import { noticeModal } from '../../views/notice.modal';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import {
  type ButtonArgs,
  guarded,
  kontaktOf,
  type PickArgs,
  type SelectArgs,
  tell,
  trOf,
  workspaceIdOf,
} from '../frame';
import { contactCardView } from '../shared/contact-card';
import { openContactModal } from '../shared/contact-modal';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import { publishHomeOf } from '../shared/home';
import { buildSetupHome } from '../shared/setup-views';

/** Home buttons open modals with the click's trigger; a failure is told in a notice (or the DM). */
export const homeNewContact = (args: ButtonArgs) =>
  guarded(args, 'New contact from Home', () =>
    openContactModal(args.client, args.body.trigger_id, {
      workspaceId: workspaceIdOf(args),
      userId: args.body.user.id,
      tr: trOf(args),
      type: 'company',
      register: kontaktOf(args.context).register.enabled,
    }),
  );

export const homeLogVisit = (args: ButtonArgs) =>
  guarded(args, 'Log visit from Home', async () => {
    const view = await buildLogVisitModal(args.client, {
      tr: trOf(args),
      workspaceId: workspaceIdOf(args),
      userId: args.body.user.id,
    });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });

export const homeSearch = (args: ButtonArgs) =>
  guarded(args, 'Search from Home', async () => {
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: contactSearchModal(trOf(args)) });
  });

/** Setup from Home: the button is shown to admins only, and the check is repeated here. */
export const homeSetup = (args: ButtonArgs) =>
  guarded(args, 'Setup from Home', async () => {
    const workspaceId = workspaceIdOf(args);
    const setup = await getWorkspaceSetup(workspaceId);
    const allowed = (await rolesOf(args.client, workspaceId, args.body.user.id, setup)).isAdmin;
    const view = allowed
      ? await buildSetupHome(trOf(args), workspaceId, kontaktOf(args.context).register.enabled, setup)
      : noticeModal({
          title: trOf(args).t('home.button.setup'),
          text: setupRefusedMessage(trOf(args), { admins: setup.roles.admins }).text,
        });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });

/** A contact picked in the Home search modal: the modal turns into that contact's card. */
export const homeContactPicked = (args: PickArgs) =>
  guarded(args, 'Showing a picked contact', async () => {
    const view = args.body.view;
    if (!view) return;
    const card = await contactCardView(
      args.client,
      workspaceIdOf(args),
      args.body.user.id,
      args.action.selected_option?.value,
      trOf(args),
      { register: kontaktOf(args.context).register },
    );
    if (!card) return tell(args, trOf(args).t('contact.error.gone'));
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: card });
  });

/**
 * The language picked on the App Home: stored as `/contact language` stores it (this user, this workspace), and
 * the Home re-published at once in that language. A value that is not a language Kontakt knows changes nothing.
 */
export const homeLanguage = (args: SelectArgs) =>
  guarded(args, 'Choosing a language on Home', async () => {
    const locale = asLocale(args.action.selected_option?.value);
    if (!locale) return;
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    await setUserLanguage(workspaceId, userId, locale);
    await publishHomeOf(args.client, workspaceId, userId, translator(locale));
  });
