import type { Contact } from '../contacts/contact.types';
import { warningOf, type CompanyRegister, type RegisterWarning } from './company-register.service';
import { orgNoOf } from './org-no';

/** How long a card waits for the register when its answer is not cached: well inside Slack's 3 s. */
export const CARD_REGISTER_WAIT_MS = 800;

/** What a company's card shows from the register: a warning, and whether "Update from the register" is offered. */
export interface RegisterCardPart {
  warning?: RegisterWarning;
  canUpdate: boolean;
}

/** Only companies with a Norwegian org.nr. in their VAT Reg. No. are looked up; none when the register is off. */
export async function registerCardPart(
  register: CompanyRegister | undefined,
  contact: Pick<Contact, 'type' | 'vatRegNo'>,
): Promise<RegisterCardPart | undefined> {
  if (!register?.enabled || contact.type !== 'company') return undefined;
  const orgNo = orgNoOf(contact.vatRegNo);
  if (!orgNo) return undefined;
  const lookup = await register.quickLookup(orgNo, CARD_REGISTER_WAIT_MS);
  return { warning: warningOf(lookup), canUpdate: true };
}
