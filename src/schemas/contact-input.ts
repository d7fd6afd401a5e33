import { z } from 'zod';

/**
 * A contact as a person enters it (modal) or an import supplies it: the fields a user controls.
 * Numbering, search keys, inherited values and audit fields are added by the contact service.
 * The schema carries no texts: the modal parser words each problem in its reader's language (contactIssueText in
 * schemas/contact-modal.ts), and the import names its own reasons.
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const codeList = z.array(z.string().trim().toUpperCase().max(10)).max(50).default([]);

export const contactTypeSchema = z.enum(['company', 'person']);

export const contactInputSchema = z.object({
  type: contactTypeSchema,
  no: text(20),
  name: z.string().trim().min(1).max(100),
  name2: text(100),
  searchName: text(100),
  firstName: text(30),
  middleName: text(30),
  surname: text(30),
  /** For persons: the company contact's id, or null for an independent person. */
  companyId: z.string().nullable().optional(),
  address: text(100),
  address2: text(50),
  postCode: text(20),
  city: text(30),
  county: text(30),
  country: text(10),
  phone: text(30),
  mobile: text(30),
  email: text(80).pipe(z.email().optional()),
  homePage: text(200),
  salespersonId: text(20),
  territory: text(10),
  language: text(10),
  vatRegNo: text(20),
  industryGroups: codeList,
  businessRelations: codeList,
  jobTitle: text(30),
  organizationalLevel: text(10),
  jobResponsibilities: codeList,
  salutation: text(10),
  privacyBlocked: z.boolean().default(false),
  /** Persons only (a company is never a minor): see services/contacts/minor.ts. */
  minor: z.boolean().optional(),
  parentalConsentReceived: z.boolean().optional(),
});

export type ContactInput = z.infer<typeof contactInputSchema>;
export type ContactType = z.infer<typeof contactTypeSchema>;

/** Fields a person copies from its company, grouped by the six setup switches. */
export const inheritedFieldGroups = {
  salesperson: ['salespersonId'],
  territory: ['territory'],
  country: ['country'],
  language: ['language'],
  address: ['address', 'address2', 'postCode', 'city', 'county'],
  communication: ['phone', 'mobile', 'email', 'homePage'],
} as const satisfies Record<string, readonly (keyof ContactInput)[]>;

export type InheritanceSwitch = keyof typeof inheritedFieldGroups;
export type InheritedField = (typeof inheritedFieldGroups)[InheritanceSwitch][number];
