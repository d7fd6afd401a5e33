import { encodeMetadata } from '../../schemas/view-metadata';
import { compareWithRegister } from '../../services/company-register/register-update.service';
import { registerUpdateModal } from '../../views/contact/register-update.modal';
import { escapeMrkdwn, truncate } from '../../views/contact/text';
import { spacedOrgNo } from '../../views/contact/contact-modal.view';
import { cardHandleOf } from '../shared/contact-card';
import {
  guarded,
  kontaktOf,
  openOrPush,
  tell,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
} from '../frame';
import { redrawCard } from './contact-card.actions';

/**
 * "Update from the register" on a company's card: the fields where the card and Enhetsregisteret differ, to tick and
 * take (pushed over a card modal, else opened); when nothing differs, or the register knows the company no more,
 * the card says so in place. A register that fails is told as the register's failure (frame: failureTextKey).
 */
export function openRegisterUpdate(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Comparing a company with Enhetsregisteret', () => registerUpdateFor(args, args.action.value));
}

/** The same from the card's ⋯ menu or the Personal data modal (the contact id re-checked by the service). */
export async function registerUpdateFor(args: ButtonArgs | OverflowArgs, contactId: unknown): Promise<void> {
  {
    const tr = trOf(args);
    const { register } = kontaktOf(args.context);
    const comparison = await compareWithRegister(register, workspaceIdOf(args), contactId);
    if (comparison.status === 'gone') return tell(args, tr.t('contact.error.gone'));
    const { contact } = comparison;
    const name = escapeMrkdwn(truncate(contact.name, 100));
    if (comparison.status !== 'differs') {
      const notice =
        comparison.status === 'same'
          ? tr.t('register.update.none', { name })
          : comparison.status === 'deleted'
            ? tr.t('register.update.deleted', { name })
            : tr.t('register.update.unknown', { orgNo: spacedOrgNo(comparison.orgNo) });
      return redrawCard(args, contact.id, { notice });
    }
    const metadata = encodeMetadata({ c: contact.id, v: contact.version, card: cardHandleOf(args.body, contact.id) });
    await openOrPush(
      args,
      registerUpdateModal(
        {
          contact,
          orgNo: comparison.orgNo,
          differences: comparison.differences,
          privateMetadata: metadata.length <= 3000 ? metadata : encodeMetadata({ c: contact.id, v: contact.version }),
        },
        tr,
      ),
    );
  }
}
