import { codeListOf, contactModalFields } from '../../../src/schemas/contact-modal';
import { CODE_LIST_OF, CONTACT_FIELDS } from '../../../src/services/contacts/contact-fields';
import { BOOLEAN_FIELDS, LOGGED_FIELDS } from '../../../src/services/contacts/change-log.service';
import { MERGE_FIELDS, mergeFieldsOf } from '../../../src/services/contacts/merge/merge-fields';
import { importTargets } from '../../../src/services/import/columns';

// Each use takes its fields from the one list: what each use has, in the one order (the card's).
const addressToLanguage = [
  'address',
  'address2',
  'postCode',
  'city',
  'county',
  'country',
  'phone',
  'mobile',
  'email',
  'homePage',
  'salespersonId',
  'territory',
  'language',
];
const personWork = ['jobTitle', 'organizationalLevel', 'jobResponsibilities', 'salutation'];
const classification = ['vatRegNo', 'industryGroups', 'businessRelations'];

describe('the contact fields', () => {
  it('name each field once', () => {
    const names = CONTACT_FIELDS.map((spec) => spec.field);
    expect(new Set(names).size).toBe(names.length);
  });

  it('give the change log every field a user or an import can change, switches marked', () => {
    expect(LOGGED_FIELDS).toEqual([
      'type',
      'name',
      'name2',
      'searchName',
      'firstName',
      'middleName',
      'surname',
      'companyName',
      ...personWork,
      ...addressToLanguage,
      ...classification,
      'privacyBlocked',
      'minor',
      'parentalConsentReceived',
    ]);
    expect(BOOLEAN_FIELDS).toEqual(['privacyBlocked', 'minor', 'parentalConsentReceived']);
  });

  it('give the merge its choices, the person-only ones left out for companies', () => {
    const all = ['name', 'name2', 'searchName', 'companyId', ...personWork, ...addressToLanguage, ...classification];
    expect(MERGE_FIELDS).toEqual([...all, 'privacyBlocked']);
    expect(mergeFieldsOf('person')).toEqual([...all, 'privacyBlocked']);
    expect(mergeFieldsOf('company')).toEqual(
      [...all, 'privacyBlocked'].filter((field) => field !== 'companyId' && !personWork.includes(field)),
    );
  });

  it("give the contact modal each type's fields", () => {
    expect(contactModalFields.company).toEqual([
      'no',
      'name',
      'name2',
      'searchName',
      ...addressToLanguage,
      ...classification,
      'privacyBlocked',
    ]);
    expect(contactModalFields.person).toEqual([
      'no',
      'name',
      'firstName',
      'middleName',
      'surname',
      'independent',
      'companyId',
      ...personWork,
      ...addressToLanguage,
      'privacyBlocked',
    ]);
  });

  it('give the import its targets, a person’s company by No. and the salesperson as the file writes it', () => {
    expect(importTargets).toEqual([
      'no',
      'type',
      'name',
      'name2',
      'searchName',
      'firstName',
      'middleName',
      'surname',
      'companyNo',
      'companyName',
      ...personWork,
      ...addressToLanguage.map((field) => (field === 'salespersonId' ? 'salesperson' : field)),
      ...classification,
      'privacyBlocked',
      'minor',
      'parentalConsentReceived',
    ]);
  });

  it('name the setup code list of each code field', () => {
    expect(codeListOf).toBe(CODE_LIST_OF);
    expect(CODE_LIST_OF).toEqual({
      organizationalLevel: 'organizationalLevels',
      jobResponsibilities: 'jobResponsibilities',
      territory: 'territories',
      industryGroups: 'industryGroups',
      businessRelations: 'businessRelations',
    });
  });
});
