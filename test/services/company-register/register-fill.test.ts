import { fromEnhet, properCase, warningOf } from '../../../src/services/company-register/company-register.service';
import { industryGroupFor, registerDifferences } from '../../../src/services/company-register/register-fill';
import { enhetSchema } from '../../../src/integrations/brreg/enhet.schema';
import { deletedEnhet, enhet } from '../../support/fake-register';

const groups = (...codes: string[]) => codes.map((code) => ({ code, description: code }));

describe('register companies in Kontakt’s fields', () => {
  it('reads the documented shape: business address, else postal; VAT; NACE; flags', () => {
    const company = fromEnhet(
      enhetSchema.parse(
        enhet({
          orgNo: '923609016',
          navn: 'Nordlys Maskin AS',
          business: null,
          postal: { lines: ['Postboks 7', 'Sentrum'], postCode: '5804', city: 'Bergen' },
          mva: false,
          konkurs: true,
        }),
      ),
    );
    expect(company).toMatchObject({
      name: 'Nordlys Maskin AS',
      address: 'Postboks 7',
      address2: 'Sentrum',
      postCode: '5804',
      city: 'Bergen',
      country: 'NO',
      vatRegNo: '923609016',
      nace: { code: '28.130' },
      bankrupt: true,
    });
    expect(warningOf({ status: 'found', company })).toEqual({ kind: 'bankrupt' });
  });

  it('a deleted entity (slettedato) warns as deleted, with its date', () => {
    const company = fromEnhet(
      enhetSchema.parse(deletedEnhet({ orgNo: '923609016', navn: 'X AS', slettedato: '2026-01-02' })),
    );
    expect(company.deletedOn).toBe('2026-01-02');
    expect(warningOf({ status: 'deleted', orgNo: '923609016', deletedOn: '2026-01-02' })).toEqual({
      kind: 'deleted',
      on: '2026-01-02',
    });
    expect(warningOf({ status: 'unknown', orgNo: '923609016' })).toBeUndefined();
  });

  it('writes the register’s capitals as names are written', () => {
    expect(properCase('LAKSEVÅG')).toBe('Laksevåg');
    expect(properCase('MO I RANA')).toBe('Mo I Rana');
    expect(properCase('Bergen')).toBe('Bergen');
  });

  it('maps a NACE code to the longest setup code it starts with, else the default group of its division', () => {
    expect(industryGroupFor('28.130', groups('28', '28.1', 'MANU'))).toBe('28.1');
    expect(industryGroupFor('28.130', groups('28130'))).toBe('28130');
    expect(industryGroupFor('28.130', groups('MANU', 'TECH'))).toBe('MANU');
    expect(industryGroupFor('62.010', groups('MANU', 'TECH'))).toBe('TECH');
    expect(industryGroupFor('70.220', groups('MANU', 'TECH'))).toBeUndefined();
  });

  it('lists only fields that differ: home pages without scheme, VAT numbers by org.nr. and VAT status', () => {
    const company = fromEnhet(
      enhetSchema.parse(enhet({ orgNo: '923609016', navn: 'Nordlys Maskin AS', hjemmeside: 'nordlys.no', mva: true })),
    );
    const same = {
      name: 'Nordlys Maskin AS',
      address: 'Strandkaien 2',
      postCode: '5013',
      city: 'Bergen',
      country: 'NO',
      vatRegNo: 'NO 923 609 016 MVA',
      homePage: 'https://nordlys.no/',
    };
    expect(registerDifferences(same, company)).toEqual([]);
    expect(registerDifferences({ ...same, vatRegNo: '923609016' }, company).map((d) => d.field)).toEqual(['vatRegNo']);
    expect(registerDifferences({ ...same, city: 'Oslo' }, company)).toEqual([
      { field: 'city', current: 'Oslo', register: 'Bergen' },
    ]);
  });
});
