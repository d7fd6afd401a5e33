/**
 * A small, realistic workspace: a company, a person working there, an independent person, two visits (one by
 * the salesperson, one by someone else) and a saved setup. Written through the services, as the app would.
 */
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import type { Visit } from '../../../src/services/visits/visit.types';

export interface SeededWorkspace {
  teamId: string;
  company: Contact;
  person: Contact;
  independent: Contact;
  /** Logged by `salesUser`. */
  visit: Visit;
  /** Logged by someone else (`otherUser`). */
  othersVisit: Visit;
}

/** Users the suite uses in every workspace: an admin (set as Slack admin on the fake), a salesperson, another. */
export const USERS = { admin: 'U0ADMIN', sales: 'U0SALES', other: 'U0OTHER' } as const;

async function add(workspaceId: string, fields: Record<string, unknown>): Promise<Contact> {
  const result = await createContact({
    workspaceId,
    userId: USERS.sales,
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(`seed: ${JSON.stringify(result)}`);
  return result.contact;
}

async function visit(workspaceId: string, userId: string, contactId: string, key: string): Promise<Visit> {
  const result = await logVisit({
    workspaceId,
    userId,
    idempotencyKey: key,
    input: {
      contactId,
      typeCode: 'VISIT',
      date: '2026-01-15',
      description: `Seed visit ${key}`,
      evaluation: 'positive',
      successful: true,
    },
  });
  if (result.status !== 'saved') throw new Error(`seed: ${JSON.stringify(result)}`);
  return result.visit;
}

/** `label` makes names distinct per workspace, so a leak of one workspace's data into another is visible. */
export async function seedWorkspace(teamId: string, label: string): Promise<SeededWorkspace> {
  const saved = await saveSetupSection({
    workspaceId: teamId,
    userId: USERS.admin,
    section: 'language',
    version: 0,
    patch: { language: 'en' },
  });
  if (saved.status !== 'saved') throw new Error(`seed setup: ${JSON.stringify(saved)}`);
  const company = await add(teamId, {
    type: 'company',
    name: `${label} Maskin AS`,
    city: 'Bergen',
    phone: '+47 55 12 34 56',
    salespersonId: USERS.sales,
  });
  const person = await add(teamId, { type: 'person', name: `Kari ${label}`, companyId: company.id });
  const independent = await add(teamId, { type: 'person', name: `Ola ${label}`, city: 'Oslo' });
  return {
    teamId,
    company,
    person,
    independent,
    visit: await visit(teamId, USERS.sales, person.id, `seed:${teamId}:1`),
    othersVisit: await visit(teamId, USERS.other, company.id, `seed:${teamId}:2`),
  };
}
