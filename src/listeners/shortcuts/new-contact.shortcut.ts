import { guarded, kontaktOf, trOf, workspaceIdOf, type GlobalShortcutArgs } from '../frame';
import { openContactModal } from '../shared/contact-modal';

/** Global shortcut "New contact": the same modal as `/contact new`. */
export function openNewContact(args: GlobalShortcutArgs): Promise<void> {
  return guarded(args, 'Opening the contact modal', () =>
    openContactModal(args.client, args.shortcut.trigger_id, {
      workspaceId: workspaceIdOf(args),
      userId: args.shortcut.user.id,
      tr: trOf(args),
      type: 'company',
      register: kontaktOf(args.context).register.enabled,
    }),
  );
}
