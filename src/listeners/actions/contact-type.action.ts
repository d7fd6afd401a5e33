import { contactTypeSchema } from '../../schemas/contact-input';
import { readContactModalValues } from '../../schemas/contact-modal';
import { contactModalMetadataSchema, decodeMetadata } from '../../schemas/view-metadata';
import { getContactSetup } from '../../services/setup/setup.service';
import { contactModal } from '../../views/contact/contact-modal.view';
import { guarded, workspaceIdOf, type RadioArgs } from '../frame';

/** Company ⇄ person in the contact modal: redraw it with that type's fields, keeping everything typed so far. */
export const switchContactType = (args: RadioArgs) =>
  guarded(
    args,
    'Switching the contact type',
    async () => {
      const { body, action, client } = args;
      const view = body.view;
      const type = contactTypeSchema.safeParse(action.selected_option?.value);
      const metadata = view && decodeMetadata(contactModalMetadataSchema, view.private_metadata);
      if (!view || !type.success || !metadata) return;
      const setup = await getContactSetup(workspaceIdOf(args));
      const current = readContactModalValues(view.state?.values);
      await client.views.update({
        view_id: view.id,
        // The hash makes Slack refuse the update if the view changed meanwhile, instead of overwriting it.
        hash: view.hash,
        view: contactModal({
          mode: metadata.mode,
          type: type.data,
          values: { ...current.input, type: type.data },
          companyOption: current.companyOption,
          independent: current.independent,
          setup,
          privateMetadata: view.private_metadata,
          userId: body.user.id,
        }),
      });
    },
    { onFailure: 'log' },
  );
