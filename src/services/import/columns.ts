import { LOCALES, translator, type MessageKey } from '../../i18n';
import { CONTACT_FIELDS, type ContactFieldSpec, type ImportedAs } from '../contacts/contact-fields';
import { foldText } from '../search/fold';

/**
 * What a column of an imported file can fill: the contact's fields, plus the company a person belongs to
 * (`companyNo`, `companyName`) and the salesperson as the file writes it (an e-mail, a Slack id or a code).
 */
export type ImportTarget = ImportedAs;
export const importTargets: readonly ImportTarget[] = (CONTACT_FIELDS as readonly ContactFieldSpec[]).flatMap((spec) =>
  spec.imported === true ? [spec.field as ImportTarget] : spec.imported ? [spec.imported as ImportTarget] : [],
);

/** A column's target, or null when the column is ignored. Index = the column's position in the file. */
export type ColumnMapping = (ImportTarget | null)[];

/**
 * Headers as NAV / Business Central (English and Norwegian), HubSpot (contacts and companies) and Kontakt's own
 * export write them. Compared after `headerKey`: case, accents, spaces and punctuation do not matter.
 */
const HEADERS: Record<ImportTarget, string[]> = {
  no: ['No.', 'Nr.', 'Nummer', 'Contact No.', 'Kontaktnr.'],
  type: ['Type', 'Contact Type', 'Kontakttype'],
  name: ['Name', 'Navn', 'Contact Name', 'Kontaktnavn', 'Full Name'],
  name2: ['Name 2', 'Navn 2'],
  searchName: ['Search Name', 'Søkenavn'],
  firstName: ['First Name', 'Fornavn'],
  middleName: ['Middle Name', 'Mellomnavn'],
  surname: ['Surname', 'Last Name', 'Etternavn'],
  companyNo: ['Company No.', 'Firmanr.', 'Firmanummer'],
  companyName: ['Company Name', 'Firmanavn', 'Associated Company', 'Company'],
  address: ['Address', 'Adresse', 'Street Address', 'Gateadresse'],
  address2: ['Address 2', 'Adresse 2', 'Street Address 2'],
  postCode: ['Post Code', 'Postnr.', 'Postnummer', 'Postal Code', 'ZIP', 'Zip Code'],
  city: ['City', 'Poststed', 'Sted', 'By'],
  county: ['County', 'Fylke', 'State/Region', 'State'],
  country: ['Country/Region Code', 'Lands-/områdekode', 'Country/Region', 'Country', 'Land', 'Landkode'],
  phone: ['Phone No.', 'Telefon', 'Telefonnr.', 'Phone Number', 'Phone'],
  mobile: ['Mobile Phone No.', 'Mobiltelefon', 'Mobile Phone Number', 'Mobile Phone', 'Mobil'],
  email: ['E-Mail', 'E-post', 'Email', 'E-postadresse', 'Email Address'],
  homePage: ['Home Page', 'Hjemmeside', 'Website URL', 'Website', 'Company Domain Name', 'Nettsted'],
  salesperson: [
    'Salesperson Code',
    'Selgerkode',
    'Salesperson',
    'Selger',
    'Salesperson (Slack ID)',
    'Salesperson E-Mail',
  ],
  territory: ['Territory Code', 'Distriktskode', 'Territory', 'Distrikt'],
  language: ['Language Code', 'Språkkode', 'Language', 'Språk'],
  vatRegNo: [
    'VAT Registration No.',
    'VAT Reg. No.',
    'Org.nr.',
    'Organisasjonsnummer',
    'Foretaksregisternr.',
    'MVA-nr.',
  ],
  industryGroups: ['Industry Groups', 'Bransjegrupper', 'Industry'],
  businessRelations: ['Business Relations', 'Forretningsrelasjoner'],
  jobTitle: ['Job Title', 'Stilling'],
  organizationalLevel: ['Organizational Level', 'Organizational Level Code', 'Organisasjonsnivå'],
  jobResponsibilities: ['Job Responsibilities', 'Stillingsansvar'],
  salutation: ['Salutation Code', 'Salutation', 'Hilsen', 'Tiltaleformkode'],
  privacyBlocked: ['Privacy Blocked', 'Personvernsperret', 'Sperret (personvern)'],
  minor: ['Minor', 'Mindreårig'],
  parentalConsentReceived: ['Parental Consent Received', 'Foreldresamtykke mottatt', 'Foreldresamtykke'],
};

/** `Lands-/områdekode` → `landsomradekode`: the form headers are compared in. */
export function headerKey(header: string): string {
  return foldText(header).replace(/ /g, '');
}

/**
 * The header Kontakt's own contact export writes for each target (see services/export/export-columns.ts). The
 * export speaks its admin's language, so each is recognised as every language Kontakt has words it.
 */
const EXPORT_HEADERS: Record<ImportTarget, MessageKey> = {
  no: 'export.col.no',
  type: 'export.col.type',
  name: 'export.col.name',
  name2: 'export.col.name2',
  searchName: 'export.col.searchName',
  firstName: 'export.col.firstName',
  middleName: 'export.col.middleName',
  surname: 'export.col.surname',
  companyNo: 'export.col.companyNo',
  companyName: 'export.col.companyName',
  address: 'export.col.address',
  address2: 'export.col.address2',
  postCode: 'export.col.postCode',
  city: 'export.col.city',
  county: 'export.col.county',
  country: 'export.col.country',
  phone: 'export.col.phone',
  mobile: 'export.col.mobile',
  email: 'export.col.email',
  homePage: 'export.col.homePage',
  salesperson: 'export.col.salesperson',
  territory: 'export.col.territory',
  language: 'export.col.language',
  vatRegNo: 'export.col.vatRegNo',
  industryGroups: 'export.col.industryGroups',
  businessRelations: 'export.col.businessRelations',
  jobTitle: 'export.col.jobTitle',
  organizationalLevel: 'export.col.organizationalLevel',
  jobResponsibilities: 'export.col.jobResponsibilities',
  salutation: 'export.col.salutation',
  privacyBlocked: 'export.col.privacyBlocked',
  minor: 'export.col.minor',
  parentalConsentReceived: 'export.col.parentalConsentReceived',
};

const byKey = new Map<string, ImportTarget>();
for (const target of importTargets) {
  const exported = LOCALES.map((locale) => translator(locale).t(EXPORT_HEADERS[target]));
  for (const header of [...HEADERS[target], ...exported]) {
    if (!byKey.has(headerKey(header))) byKey.set(headerKey(header), target);
  }
}

/** The target a header names, or null. */
export function targetOfHeader(header: string): ImportTarget | null {
  return byKey.get(headerKey(header)) ?? null;
}

/**
 * The automatic mapping of a header row: each recognised header to its target; a target claimed by an earlier
 * column is not given to a later one (the first `Name` wins), so the automatic mapping never maps a target twice.
 */
export function mapHeaders(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportTarget>();
  return headers.map((header) => {
    const target = targetOfHeader(header);
    if (!target || taken.has(target)) return null;
    taken.add(target);
    return target;
  });
}

/** How many cells of a row name a known column: a header row names at least two. */
export function recognisedHeaders(cells: readonly string[]): number {
  return cells.filter((cell) => cell.trim() !== '' && targetOfHeader(cell) !== null).length;
}

/** Targets that more than one column maps to. */
export function mappedTwice(mapping: ColumnMapping): ImportTarget[] {
  const seen = new Set<ImportTarget>();
  const twice = new Set<ImportTarget>();
  for (const target of mapping) {
    if (!target) continue;
    if (seen.has(target)) twice.add(target);
    seen.add(target);
  }
  return [...twice];
}
