import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import type { Translator } from '../../i18n';
import { getContact, updateContact, type SaveResult } from '../contacts/contact.service';
import type { Contact } from '../contacts/contact.types';
import type { Actor } from '../people/permissions.service';
import { LOOKUP_REGISTER_MS, type CompanyRegister } from './company-register.service';
import { orgNoOf } from './org-no';
import { registerDifferences, registerFields, type RegisterDifference, type RegisterField } from './register-fill';

export type RegisterComparison =
  | { status: 'gone' }
  | { status: 'unknown'; contact: Contact; orgNo: string }
  | { status: 'deleted'; contact: Contact }
  | { status: 'same'; contact: Contact }
  | { status: 'differs'; contact: Contact; orgNo: string; differences: RegisterDifference[] };

/**
 * A company's card next to what Enhetsregisteret says now (asked afresh: the user asked to update): the fields
 * that differ. The contact id comes from a button, so it is looked up in the workspace; a contact without an
 * org.nr. (or not a company) is `gone` as far as this goes.
 */
export async function compareWithRegister(
  register: CompanyRegister,
  workspaceId: string,
  contactId: unknown,
  options: { fresh?: boolean } = { fresh: true },
): Promise<RegisterComparison> {
  const contact = await getContact(workspaceId, contactId);
  const orgNo = contact?.type === 'company' ? orgNoOf(contact.vatRegNo) : undefined;
  if (!contact || !orgNo || !register.enabled) return { status: 'gone' };
  const lookup = await register.lookup(orgNo, LOOKUP_REGISTER_MS, { fresh: options.fresh });
  if (lookup.status === 'unknown') return { status: 'unknown', contact, orgNo };
  if (lookup.status === 'deleted') return { status: 'deleted', contact };
  const differences = registerDifferences(contact, lookup.company);
  return differences.length === 0 ? { status: 'same', contact } : { status: 'differs', contact, orgNo, differences };
}

/** The user-controlled fields of a stored contact, as an edit starts from them. */
function inputOf(contact: Contact): ContactInput {
  const fields = Object.fromEntries(
    Object.keys(contactInputSchema.shape)
      .map((key) => [key, (contact as unknown as Record<string, unknown>)[key]])
      .filter(([, value]) => value !== undefined && value !== null),
  );
  return { ...(fields as ContactInput), no: contact.no, companyId: contact.companyId };
}

/**
 * Takes the chosen fields from the register into the company, as an edit from the version the user saw (someone
 * else's change in between is refused, as in the edit modal); the register's values are read again from the cache.
 */
export async function takeFromRegister(request: {
  register: CompanyRegister;
  workspaceId: string;
  actor: Actor;
  contactId: string;
  version: number;
  fields: RegisterField[];
  tr: Translator;
}): Promise<SaveResult | { status: 'nothing' } | Exclude<RegisterComparison, { status: 'differs' }>> {
  const comparison = await compareWithRegister(request.register, request.workspaceId, request.contactId, {
    fresh: false,
  });
  if (comparison.status !== 'differs') return comparison;
  const chosen = comparison.differences.filter((difference) => request.fields.includes(difference.field));
  if (chosen.length === 0) return { status: 'nothing' };
  const input = inputOf(comparison.contact);
  for (const difference of chosen) input[difference.field] = difference.register;
  return updateContact({
    workspaceId: request.workspaceId,
    actor: request.actor,
    contactId: request.contactId,
    version: request.version,
    input,
    ignoreDuplicates: true,
    tr: request.tr,
  });
}

export const isRegisterField = (value: string): value is RegisterField =>
  (registerFields as readonly string[]).includes(value);
