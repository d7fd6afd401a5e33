import {
  checkDigitOf,
  isValidOrgNo,
  meantAsOrgNo,
  orgNoOf,
  orgNoProblemKey,
  parseOrgNo,
  vatRegNoFor,
} from '../../../src/services/company-register/org-no';

describe('org.nr.', () => {
  it('computes the mod-11 check digit with weights 3 2 7 6 5 4 3 2 (real numbers from the register)', () => {
    expect(checkDigitOf('92360901')).toBe(6); // 923609016
    expect(checkDigitOf('97476067')).toBe(3); // 974760673, Brønnøysundregistrene
    expect(isValidOrgNo('991825827')).toBe(true);
    expect(isValidOrgNo('923609017')).toBe(false);
  });

  it('has no valid number where 11 − sum mod 11 is 10, and 0 where it is 11', () => {
    const digits = (n: number) => String(n).padStart(8, '0');
    const checks = Array.from({ length: 2000 }, (_, i) => checkDigitOf(digits(10_000_000 + i)));
    expect(checks).toContain(undefined);
    expect(checks).toContain(0);
    expect(checks.every((check) => check === undefined || (check >= 0 && check <= 9))).toBe(true);
  });

  it.each([
    ['923609016', '923609016'],
    ['923 609 016', '923609016'],
    ['923.609.016', '923609016'],
    ['NO 923609016 MVA', '923609016'],
    ['no923609016mva', '923609016'],
  ])('reads %s', (typed, orgNo) => {
    expect(parseOrgNo(typed)).toEqual({ ok: true, orgNo });
  });

  it.each([
    ['92360901', 'length'],
    ['9236090160', 'length'],
    ['NO 92360901A MVA', 'letters'],
    ['923609017', 'checkDigit'],
  ])('says what is wrong with %s', (typed, problem) => {
    expect(parseOrgNo(typed)).toEqual({ ok: false, problem });
  });

  it('takes digits, NO + digits or digits + MVA as meant for an org.nr.; names and foreign VAT numbers not', () => {
    expect(meantAsOrgNo('923 609 016')).toBe(true);
    expect(meantAsOrgNo('NO 9236')).toBe(true);
    expect(meantAsOrgNo('9236 MVA')).toBe(true);
    expect(meantAsOrgNo('Nordlys')).toBe(false);
    expect(meantAsOrgNo('SE556012579001')).toBe(false);
    expect(orgNoProblemKey('SE556012579001')).toBeUndefined();
    expect(orgNoProblemKey('NO 923609017 MVA')).toBe('validation.orgNo.checkDigit');
  });

  it('finds the org.nr. in a VAT number and writes one for a company in or out of the VAT register', () => {
    expect(orgNoOf('NO 923 609 016 MVA')).toBe('923609016');
    expect(orgNoOf('923609017')).toBeUndefined();
    expect(orgNoOf(undefined)).toBeUndefined();
    expect(vatRegNoFor('923609016', true)).toBe('NO 923609016 MVA');
    expect(vatRegNoFor('923609016', false)).toBe('923609016');
  });
});
