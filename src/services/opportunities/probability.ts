/**
 * NAV's four ways a sales cycle turns a stage and the salesperson's chances into a probability, and the
 * calculated current value that follows (domain.md, "Sales opportunities"). Pure arithmetic, no rounding
 * beyond cents, so the worked examples hold exactly.
 */
export const probabilityCalculations = ['multiply', 'add', 'chances', 'completed'] as const;
export type ProbabilityCalculation = (typeof probabilityCalculations)[number];

/** Probability % (0–100) by the cycle's calculation, from the chances of success % and the stage's completed %. */
export function probabilityPct(calculation: ProbabilityCalculation, chancesPct: number, completedPct: number): number {
  const chances = clampPct(chancesPct);
  const completed = clampPct(completedPct);
  switch (calculation) {
    case 'multiply':
      return roundTo((chances * completed) / 100, 2);
    case 'add':
      return roundTo((chances + completed) / 2, 2);
    case 'chances':
      return chances;
    case 'completed':
      return completed;
  }
}

/** Calculated current value = estimated value × probability / 100, to the cent. */
export function calculatedValue(estimatedValue: number, probability: number): number {
  return roundTo((estimatedValue * clampPct(probability)) / 100, 2);
}

function clampPct(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
