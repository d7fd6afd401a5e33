import type { ContactSetup } from './setup.types';

/** The documented defaults every new workspace starts with (domain.md, "Setup"). */
export const defaultContactSetup: ContactSetup = {
  numbering: { prefix: 'CT', digits: 6, allowManual: false },
  inheritance: { salesperson: true, territory: true, country: true, language: true, address: true, communication: true },
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
