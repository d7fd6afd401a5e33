import type { ContactInput } from '../../schemas/contact-input';
import type { ContactSetup } from '../setup/setup.types';
import { deriveFields, inheritable, type ContactFields } from './contact-record';
import type { Contact } from './contact.types';
import { applyDefaults, inheritFromCompany, type InheritableValues } from './inheritance';

export function setupDefaults(setup: ContactSetup): InheritableValues {
  const { country, language, salespersonId, territory } = setup.defaults;
  return { country, language, salespersonId, territory };
}

/**
 * A new contact's stored fields from what was typed (the modal) or read (an import): the company's name, what a
 * person inherits from its company, the setup defaults for what is still blank, then the derived fields (name
 * parts, search name, home page). One function, so a contact made either way is the same contact.
 */
export function newContactFields(
  typed: Omit<ContactInput, 'no' | 'companyId'>,
  company: Contact | null,
  setup: ContactSetup,
): ContactFields & { searchNameEdited: boolean } {
  let fields: ContactFields = { ...typed, companyId: company?.id ?? null, companyName: company?.name };
  if (company)
    fields = { ...fields, ...inheritFromCompany(inheritable(fields), inheritable(company), setup.inheritance) };
  fields = applyDefaults(fields, setupDefaults(setup));
  return deriveFields(fields);
}
