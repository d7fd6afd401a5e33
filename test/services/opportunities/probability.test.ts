import { parseAmount, parsePct } from '../../../src/services/opportunities/amount';
import { calculatedValue, probabilityPct } from '../../../src/services/opportunities/probability';

describe("NAV's four probability calculations (domain.md's worked example: 1 000 000, completed 40 %, chances 50 %)", () => {
  const value = 1_000_000;
  it.each([
    ['multiply', 20, 200_000],
    ['add', 45, 450_000],
    ['chances', 50, 500_000],
    ['completed', 40, 400_000],
  ] as const)('%s: probability %d %%, calculated current value %d', (calculation, probability, calculated) => {
    const p = probabilityPct(calculation, 50, 40);
    expect(p).toBe(probability);
    expect(calculatedValue(value, p)).toBe(calculated);
  });

  it('keeps fractions to the cent: 333 333 at multiply 35 × 45 % = 15.75 % → 52 499.95', () => {
    const p = probabilityPct('multiply', 35, 45);
    expect(p).toBe(15.75);
    expect(calculatedValue(333_333, p)).toBe(52_499.95);
  });

  it('holds percentages to 0–100 whatever is stored', () => {
    expect(probabilityPct('chances', 140, 0)).toBe(100);
    expect(probabilityPct('completed', 0, -5)).toBe(0);
    expect(probabilityPct('add', Number.NaN, 100)).toBe(50);
  });
});

describe('amounts as people type them', () => {
  it.each([
    ['1 250 000', 1_250_000],
    ['1.250.000,50', 1_250_000.5],
    ['kr 250 000', 250_000],
    ['250 000,-', 250_000],
    ['NOK 1 250 000', 1_250_000],
    ['1,250,000.50', 1_250_000.5],
    ['1\u00a0250\u00a0000 kr', 1_250_000],
    ['1.250', 1250],
    ['12,5', 12.5],
    ['0', 0],
    ['250000', 250_000],
  ])('%j → %d', (input, expected) => expect(parseAmount(input)).toBe(expected));

  it.each(['abc', '', '-100', '1.2.3', '12,345,67', '1e6', '1.250,5,0', 'kr'])('%j is not an amount', (input) =>
    expect(parseAmount(input)).toBeUndefined(),
  );

  it('reads percentages of 0–100 only', () => {
    expect(parsePct('40')).toBe(40);
    expect(parsePct('12,5 %')).toBe(12.5);
    expect(parsePct('101')).toBeUndefined();
    expect(parsePct('-1')).toBeUndefined();
    expect(parsePct('abc')).toBeUndefined();
  });
});
