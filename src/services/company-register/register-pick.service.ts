import type { ContactInput } from '../../schemas/contact-input';
import type { RegisterPick } from '../../schemas/view-metadata';
import { isRegisterError } from '../../integrations/brreg/enhetsregisteret.client';
import { getContactSetup } from '../setup/setup.service';
import type { CompanyRegister, RegisterCompany } from './company-register.service';
import { isValidOrgNo } from './org-no';
import { fillFromRegister } from './register-fill';

/** "Nordlys Maskin AS — 923 609 016 — Bergen": how the picker shows a register company (Slack cuts at 75). */
export function registerOptionLabel(company: Pick<RegisterCompany, 'name' | 'orgNo' | 'city'>): string {
  const orgNo = company.orgNo.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
  const tail = [orgNo, company.city].filter(Boolean).join(' — ');
  const room = 75 - tail.length - 3;
  const name = company.name.length > room ? `${company.name.slice(0, Math.max(1, room - 1))}…` : company.name;
  return `${name} — ${tail}`;
}

export interface RegisterPickResult {
  pick: RegisterPick;
  /** What the modal fills in; none when the register did not answer or knows no such company. */
  values?: Partial<ContactInput>;
}

/**
 * A company picked in "Find in Enhetsregisteret": what the New company modal fills in, and what it says about it
 * (the NACE code when setup has no industry group for it; that the register did not answer). The org.nr. comes
 * from the payload, so it is checked and looked up again (a cache hit right after the typeahead). Undefined for
 * an option that is not a company (an explanation the typeahead showed).
 */
export async function registerPickFor(
  register: CompanyRegister,
  workspaceId: string,
  orgNo: string,
): Promise<RegisterPickResult | undefined> {
  if (!register.enabled || !isValidOrgNo(orgNo)) return undefined;
  let lookup;
  try {
    lookup = await register.lookup(orgNo);
  } catch (error) {
    if (isRegisterError(error)) return { pick: { f: true } };
    throw error;
  }
  if (lookup.status !== 'found') return undefined;
  const { company } = lookup;
  const setup = await getContactSetup(workspaceId);
  const { values, industryGroup } = fillFromRegister(company, setup.codes.industryGroups);
  const nace =
    company.nace && !industryGroup
      ? { c: company.nace.code.slice(0, 20), d: company.nace.description?.slice(0, 150) }
      : undefined;
  return { pick: { o: company.orgNo, l: registerOptionLabel(company), ...(nace ? { n: nace } : {}) }, values };
}
