import type { MessageKey, Translator } from '../../i18n';
import type { Contact } from '../contacts/contact.types';
import type { Visit } from '../visits/visit.types';
import type { Opportunity } from '../opportunities/opportunity.types';
import type { CsvValue } from './csv';

/**
 * A column of an export file. Headers and worded values (type, yes/no, evaluation, status) are in the language of
 * the admin who exports; Kontakt's import reads the files back in either language (see services/import).
 */
export interface Column<Row> {
  header: MessageKey;
  value(row: Row, tr: Translator): CsvValue;
}

/** A contact with what the export adds: its company's No. (looked up per batch). */
export interface ContactRow {
  contact: Contact;
  companyNo?: string;
}

const yesNo = (tr: Translator, value: boolean): string => tr.t(value ? 'export.yes' : 'export.no');
const list = (values: readonly string[] | undefined): string => (values ?? []).join(', ');
const timestamp = (value: Date | undefined): string | undefined => (value ? new Date(value).toISOString() : undefined);

/** The contact file's columns, in order: NAV's contact card, then who created and last changed the contact. */
export const contactColumns: Column<ContactRow>[] = [
  { header: 'export.col.no', value: (r) => r.contact.no },
  {
    header: 'export.col.type',
    value: (r, tr) => tr.t(r.contact.type === 'company' ? 'contact.type.company' : 'contact.type.person'),
  },
  { header: 'export.col.name', value: (r) => r.contact.name },
  { header: 'export.col.name2', value: (r) => r.contact.name2 },
  { header: 'export.col.searchName', value: (r) => r.contact.searchName },
  { header: 'export.col.firstName', value: (r) => r.contact.firstName },
  { header: 'export.col.middleName', value: (r) => r.contact.middleName },
  { header: 'export.col.surname', value: (r) => r.contact.surname },
  { header: 'export.col.companyNo', value: (r) => r.companyNo },
  { header: 'export.col.companyName', value: (r) => r.contact.companyName },
  { header: 'export.col.address', value: (r) => r.contact.address },
  { header: 'export.col.address2', value: (r) => r.contact.address2 },
  { header: 'export.col.postCode', value: (r) => r.contact.postCode },
  { header: 'export.col.city', value: (r) => r.contact.city },
  { header: 'export.col.county', value: (r) => r.contact.county },
  { header: 'export.col.country', value: (r) => r.contact.country },
  { header: 'export.col.phone', value: (r) => r.contact.phone },
  { header: 'export.col.mobile', value: (r) => r.contact.mobile },
  { header: 'export.col.email', value: (r) => r.contact.email },
  { header: 'export.col.homePage', value: (r) => r.contact.homePage },
  { header: 'export.col.salesperson', value: (r) => r.contact.salespersonId },
  { header: 'export.col.territory', value: (r) => r.contact.territory },
  { header: 'export.col.language', value: (r) => r.contact.language },
  { header: 'export.col.vatRegNo', value: (r) => r.contact.vatRegNo },
  { header: 'export.col.industryGroups', value: (r) => list(r.contact.industryGroups) },
  { header: 'export.col.businessRelations', value: (r) => list(r.contact.businessRelations) },
  { header: 'export.col.jobTitle', value: (r) => r.contact.jobTitle },
  { header: 'export.col.organizationalLevel', value: (r) => r.contact.organizationalLevel },
  { header: 'export.col.jobResponsibilities', value: (r) => list(r.contact.jobResponsibilities) },
  { header: 'export.col.salutation', value: (r) => r.contact.salutation },
  { header: 'export.col.privacyBlocked', value: (r, tr) => yesNo(tr, Boolean(r.contact.privacyBlocked)) },
  { header: 'export.col.minor', value: (r, tr) => yesNo(tr, Boolean(r.contact.minor)) },
  {
    header: 'export.col.parentalConsentReceived',
    value: (r, tr) => yesNo(tr, Boolean(r.contact.parentalConsentReceived)),
  },
  { header: 'export.col.createdAt', value: (r) => timestamp(r.contact.createdAt) },
  { header: 'export.col.createdBy', value: (r) => r.contact.createdBy },
  { header: 'export.col.updatedAt', value: (r) => timestamp(r.contact.updatedAt) },
  { header: 'export.col.updatedBy', value: (r) => r.contact.updatedBy },
];

/** The visit file's columns: every logged interaction, cancelled ones too (marked in Status). */
export const visitColumns: Column<Visit>[] = [
  { header: 'export.col.date', value: (v) => v.date },
  { header: 'export.col.contactNo', value: (v) => v.contactNo },
  { header: 'export.col.contactName', value: (v) => v.contactName },
  { header: 'export.col.company', value: (v) => v.companyName },
  { header: 'export.col.salesperson', value: (v) => v.salespersonId },
  { header: 'export.col.typeCode', value: (v) => v.typeCode },
  { header: 'export.col.typeDescription', value: (v) => v.typeDescription },
  { header: 'export.col.description', value: (v) => v.description },
  { header: 'export.col.evaluation', value: (v, tr) => tr.t(`visit.evaluation.${v.evaluation}`) },
  { header: 'export.col.attemptFailed', value: (v, tr) => yesNo(tr, v.attemptFailed) },
  { header: 'export.col.durationMin', value: (v) => v.durationMin },
  { header: 'export.col.cost', value: (v) => v.cost },
  { header: 'export.col.followUpDate', value: (v) => v.followUpDate },
  {
    header: 'export.col.status',
    value: (v, tr) => tr.t(v.status === 'cancelled' ? 'export.status.cancelled' : 'export.status.logged'),
  },
  { header: 'export.col.permalink', value: (v) => v.source.permalink },
  { header: 'export.col.createdAt', value: (v) => timestamp(v.createdAt) },
];

/** An opportunity with what the export adds from setup: its cycle's and stage's descriptions. */
export interface OpportunityRow {
  opportunity: Omit<Opportunity, 'entries' | 'entryCount'>;
  cycleDescription?: string;
  stageDescription?: string;
}

/** The opportunities file's columns: NAV's opportunity card, values as plain numbers in their own currency. */
export const opportunityColumns: Column<OpportunityRow>[] = [
  { header: 'export.col.oppNo', value: (r) => r.opportunity.no },
  { header: 'export.col.description', value: (r) => r.opportunity.description },
  { header: 'export.col.contactNo', value: (r) => r.opportunity.contactNo },
  { header: 'export.col.contactName', value: (r) => r.opportunity.contactName },
  { header: 'export.col.company', value: (r) => r.opportunity.companyName },
  { header: 'export.col.salesperson', value: (r) => r.opportunity.salespersonId },
  { header: 'export.col.status', value: (r, tr) => tr.t(`opp.status.${r.opportunity.status}`) },
  { header: 'export.col.cycle', value: (r) => r.opportunity.cycleCode },
  { header: 'export.col.cycleDescription', value: (r) => r.cycleDescription },
  { header: 'export.col.stageNo', value: (r) => r.opportunity.stageNo ?? undefined },
  { header: 'export.col.stageDescription', value: (r) => r.stageDescription },
  { header: 'export.col.estimatedValue', value: (r) => r.opportunity.estimatedValue },
  { header: 'export.col.currency', value: (r) => r.opportunity.currency },
  { header: 'export.col.chancesPct', value: (r) => r.opportunity.chancesPct },
  { header: 'export.col.probabilityPct', value: (r) => r.opportunity.probabilityPct },
  { header: 'export.col.calculatedValue', value: (r) => r.opportunity.calculatedValue },
  { header: 'export.col.closingDate', value: (r) => r.opportunity.closingDate ?? undefined },
  { header: 'export.col.priority', value: (r, tr) => tr.t(`opp.priority.${r.opportunity.priority}`) },
  { header: 'export.col.closeCode', value: (r) => r.opportunity.closeCode },
  { header: 'export.col.actualValue', value: (r) => r.opportunity.actualValue },
  { header: 'export.col.closedDate', value: (r) => r.opportunity.closedDate ?? undefined },
  { header: 'export.col.createdAt', value: (r) => timestamp(r.opportunity.createdAt) },
  { header: 'export.col.createdBy', value: (r) => r.opportunity.createdBy },
  { header: 'export.col.updatedAt', value: (r) => timestamp(r.opportunity.updatedAt) },
];

export function headerRow<Row>(columns: Column<Row>[], tr: Translator): string[] {
  return columns.map((column) => tr.t(column.header));
}

export function valueRow<Row>(columns: Column<Row>[], row: Row, tr: Translator): CsvValue[] {
  return columns.map((column) => column.value(row, tr));
}
