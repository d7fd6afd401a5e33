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
  digest: { enabled: true, weekday: 5, time: '15:00' },
  language: 'en',
  sharingEnabled: true,
  version: 0,
};
