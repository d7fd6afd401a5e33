import { contactTypeSchema } from '../../schemas/contact-input';
import { employmentValue } from '../../schemas/contact-modal';
import { guarded, kontaktOf, trOf, workspaceIdOf, type ButtonArgs, type PickArgs, type RadioArgs } from '../frame';
import { registerPickFor } from '../../services/company-register/register-pick.service';
import { redrawnContactModal, type ContactModalChange } from '../shared/contact-modal';

type ModalClick = RadioArgs | PickArgs | ButtonArgs;

/**
 * Draws the contact modal again after a click in it, keeping everything typed so far. A missed redraw costs
 * nothing (the form still submits), so a failure is only logged rather than replacing what the user typed.
 */
function redraw(
  args: ModalClick,
  what: string,
  change: () => ContactModalChange | undefined | Promise<ContactModalChange | undefined>,
): Promise<void> {
  return guarded(
    args,
    what,
    async () => {
      const view = args.body.view;
      const wanted = await change();
      if (!view || !wanted) return;
      const next = await redrawnContactModal({
        workspaceId: workspaceIdOf(args),
        userId: args.body.user.id,
        tr: trOf(args),
        state: view.state?.values,
        privateMetadata: view.private_metadata,
        change: wanted,
        register: kontaktOf(args.context).register.enabled,
      });
      if (!next) return;
      // The hash makes Slack refuse the update if the view changed meanwhile, instead of overwriting it.
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
    },
    { onFailure: 'log' },
  );
}

/** Company ⇄ person: that type's fields. */
export const switchContactType = (args: RadioArgs) =>
  redraw(args, 'Switching the contact type', () => {
    const type = contactTypeSchema.safeParse(args.action.selected_option?.value);
    return type.success ? { type: type.data } : undefined;
  });

/** At a company ⇄ Independent: the company picker comes or goes. */
export const switchEmployment = (args: RadioArgs) =>
  redraw(args, 'Switching at a company / independent', () => {
    const value = args.action.selected_option?.value;
    if (value !== employmentValue.company && value !== employmentValue.independent) return undefined;
    return { independent: value === employmentValue.independent };
  });

/** A company picked for a new person: what the person will take from it, shown as text. */
export const pickCompany = (args: PickArgs) =>
  redraw(args, 'Picking a company', () => {
    const value = args.action.selected_option?.value;
    return typeof value === 'string' && value !== '' ? { companyId: value } : {};
  });

/** "More details": every field. */
export const showMoreDetails = (args: ButtonArgs) => redraw(args, 'Showing more details', () => ({ more: true }));

/** "Change" beside the inherited values: those values as inputs, filled in. */
export const changeInherited = (args: ButtonArgs) => redraw(args, 'Changing inherited values', () => ({ own: true }));

/**
 * A company picked in "Find in Enhetsregisteret": the New company modal filled in from the register (every field
 * shown, still editable), or a line saying the register did not answer. An option that is no company changes nothing.
 */
export const pickRegisterCompany = (args: PickArgs) =>
  redraw(args, 'Picking a company from Enhetsregisteret', async () => {
    const orgNo = args.action.selected_option?.value;
    if (typeof orgNo !== 'string') return undefined;
    const picked = await registerPickFor(kontaktOf(args.context).register, workspaceIdOf(args), orgNo);
    return picked ? { register: picked } : undefined;
  });
