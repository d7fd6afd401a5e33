import type { ContactSetup, WorkspaceSetup } from './setup.types';

/** The documented defaults every new workspace starts with (domain.md, "Setup"). */
export const defaultContactSetup: ContactSetup = {
  numbering: { prefix: 'CT', digits: 6, allowManual: false },
  inheritance: {
    salesperson: true,
    territory: true,
    country: true,
    language: true,
    address: true,
    communication: true,
  },
  defaults: { phoneRegion: 'NO' },
  duplicates: {
    autosearch: true,
    hitPercent: 60,
    rows: [
      { field: 'name', part: 'first', length: 5 },
      { field: 'address', part: 'first', length: 5 },
      { field: 'city', part: 'first', length: 5 },
      { field: 'phone', part: 'first', length: 5 },
      { field: 'vatRegNo', part: 'first', length: 5 },
    ],
  },
  codes: {
    businessRelations: [
      { code: 'CUST', description: 'Customer' },
      { code: 'PROS', description: 'Prospect' },
      { code: 'VEND', description: 'Vendor' },
      { code: 'PART', description: 'Partner' },
      { code: 'LAW', description: 'Lawyer' },
      { code: 'CONS', description: 'Consultant' },
      { code: 'PRESS', description: 'Press' },
    ],
    industryGroups: [
      { code: 'MANU', description: 'Manufacturing' },
      { code: 'RETAIL', description: 'Retail' },
      { code: 'WHOLE', description: 'Wholesale' },
      { code: 'CONST', description: 'Construction' },
      { code: 'ENERGY', description: 'Energy' },
      { code: 'MARINE', description: 'Marine & fisheries' },
      { code: 'PUBLIC', description: 'Public sector' },
      { code: 'SERV', description: 'Services' },
      { code: 'TECH', description: 'Technology' },
    ],
    territories: [
      { code: 'NORTH', description: 'North' },
      { code: 'MID', description: 'Mid' },
      { code: 'WEST', description: 'West' },
      { code: 'EAST', description: 'East' },
      { code: 'SOUTH', description: 'South' },
      { code: 'ABROAD', description: 'Abroad' },
    ],
    jobResponsibilities: [
      { code: 'PURCHASE', description: 'Purchasing' },
      { code: 'SALES', description: 'Sales' },
      { code: 'IT', description: 'IT' },
      { code: 'FINANCE', description: 'Finance' },
      { code: 'PROD', description: 'Production' },
      { code: 'MGMT', description: 'Management' },
    ],
    organizationalLevels: [
      { code: 'CEO', description: 'Chief executive' },
      { code: 'DIRECTOR', description: 'Director' },
      { code: 'MANAGER', description: 'Manager' },
      { code: 'STAFF', description: 'Staff' },
    ],
  },
};

/** What a workspace starts with before any admin has opened setup. */
export const defaultWorkspaceSetup: WorkspaceSetup = {
  ...defaultContactSetup,
  decided: [],
  interactionTypes: [
    { code: 'VISIT', description: 'Visit', durationMin: 60, cost: 0, flow: 'outbound', initiatedBy: 'us' },
    { code: 'MEETING', description: 'Meeting', durationMin: 60, cost: 0, flow: 'outbound', initiatedBy: 'us' },
    { code: 'PHONE', description: 'Phone call', durationMin: 15, cost: 0, flow: 'outbound', initiatedBy: 'us' },
    { code: 'EMAIL', description: 'E-mail', durationMin: 5, cost: 0, flow: 'outbound', initiatedBy: 'us' },
    { code: 'VIDEO', description: 'Video call', durationMin: 30, cost: 0, flow: 'outbound', initiatedBy: 'us' },
  ],
  roles: { admins: [], managers: [] },
  // Monday morning, about the whole week before: end-of-week logging is in it (digest-delivery.service: digestWeek).
  digest: { enabled: true, weekday: 1, time: '08:00' },
  language: 'en',
  importForEveryone: false,
  visitRetentionYears: null,
  sharingEnabled: true,
  registerCheck: false,
  version: 0,
};

/**
 * The descriptions a Norwegian workspace starts with, by code. Codes stay the same in both languages (contacts
 * and visits refer to codes), so switching a workspace's defaults only relabels them.
 */
const norwegianDescriptions: Record<string, Record<string, string>> = {
  businessRelations: {
    CUST: 'Kunde',
    PROS: 'Prospekt',
    VEND: 'Leverandør',
    PART: 'Partner',
    LAW: 'Advokat',
    CONS: 'Konsulent',
    PRESS: 'Presse',
  },
  industryGroups: {
    MANU: 'Produksjon',
    RETAIL: 'Detaljhandel',
    WHOLE: 'Engroshandel',
    CONST: 'Bygg og anlegg',
    ENERGY: 'Energi',
    MARINE: 'Havbruk og fiskeri',
    PUBLIC: 'Offentlig sektor',
    SERV: 'Tjenesteyting',
    TECH: 'Teknologi',
  },
  territories: { NORTH: 'Nord', MID: 'Midt', WEST: 'Vest', EAST: 'Øst', SOUTH: 'Sør', ABROAD: 'Utland' },
  jobResponsibilities: {
    PURCHASE: 'Innkjøp',
    SALES: 'Salg',
    IT: 'IT',
    FINANCE: 'Økonomi',
    PROD: 'Produksjon',
    MGMT: 'Ledelse',
  },
  organizationalLevels: { CEO: 'Administrerende direktør', DIRECTOR: 'Direktør', MANAGER: 'Leder', STAFF: 'Ansatt' },
  interactionTypes: { VISIT: 'Besøk', MEETING: 'Møte', PHONE: 'Telefonsamtale', EMAIL: 'E-post', VIDEO: 'Videomøte' },
};

/** The Norwegian description of a default code, or undefined when the code is not one of the defaults. */
export function norwegianDescription(list: string, code: string): string | undefined {
  return norwegianDescriptions[list]?.[code];
}

/** The English description of a default code (to tell a default from one an admin wrote). */
export function englishDescription(list: string, code: string): string | undefined {
  if (list === 'interactionTypes')
    return defaultWorkspaceSetup.interactionTypes.find((t) => t.code === code)?.description;
  return defaultContactSetup.codes[list as keyof ContactSetup['codes']]?.find((c) => c.code === code)?.description;
}

/**
 * What a Norwegian workspace starts with: the same as the English one (same codes, same number series prefix),
 * with Norwegian descriptions, phone region NO and language nb. Evaluations need nothing here: their labels are
 * texts of the catalogue (Svært positiv … Svært negativ).
 */
export const norwegianWorkspaceSetup: WorkspaceSetup = {
  ...defaultWorkspaceSetup,
  defaults: { ...defaultWorkspaceSetup.defaults, phoneRegion: 'NO' },
  codes: Object.fromEntries(
    Object.entries(defaultWorkspaceSetup.codes).map(([list, entries]) => [
      list,
      entries.map((entry) => ({ ...entry, description: norwegianDescription(list, entry.code) ?? entry.description })),
    ]),
  ) as WorkspaceSetup['codes'],
  interactionTypes: defaultWorkspaceSetup.interactionTypes.map((type) => ({
    ...type,
    description: norwegianDescription('interactionTypes', type.code) ?? type.description,
  })),
  language: 'nb',
};

/** The defaults for a workspace in `language`. */
export const defaultsFor = (language: string | undefined): WorkspaceSetup =>
  language === 'nb' ? norwegianWorkspaceSetup : defaultWorkspaceSetup;
