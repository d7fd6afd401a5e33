import { t } from '../../i18n';
import type { InteractionType } from '../../services/setup/setup.types';
import type { FormErrors } from '../block-errors';
import type { StateReader } from '../view-state';
import { LineProblems, oneLine, readCode, readDescription, readLines, type Line } from './line-list';
import { setupBlocks, setupLimits } from './setup-form';

const flows = ['inbound', 'outbound'] as const;
const initiators = ['us', 'them'] as const;
/** The same words in Norwegian, so an admin can type the line in the language the hint is written in. */
const norwegian: Record<string, string> = { inngående: 'inbound', utgående: 'outbound', vi: 'us', de: 'them' };
const word = (text: string): string => norwegian[text.toLowerCase()] ?? text.toLowerCase();

/** The interaction types as text, one a line: `VISIT | Visit | 60 | 0 | outbound | us`. */
export function formatInteractionLine(type: InteractionType): string {
  return [
    type.code,
    oneLine(type.description),
    String(type.durationMin),
    String(type.cost),
    type.flow,
    type.initiatedBy,
  ].join(' | ');
}

/** The interaction types typed in the section's boxes; each problem goes on the box it is in. */
export function parseInteractionLines(reader: StateReader, errors: FormErrors): InteractionType[] {
  const base = setupBlocks.interactionTypes;
  const lines = readLines(reader, base);
  const problems = new LineProblems();
  const seen = new Map<string, Line>();
  const types: InteractionType[] = [];
  for (const line of lines) {
    const fields = line.text.split('|').map((field) => field.trim());
    if (fields.length < 6) {
      problems.add(line, t('setup.error.typeParts', { line: line.line, count: fields.length }));
      continue;
    }
    // A description may itself hold `|`: the first field is the code, the last four are fixed, the rest describe.
    const [codeText = '', ...rest] = fields;
    const [minutesText = '', costText = '', flowText = '', initiatedText = ''] = rest.slice(-4);
    const code = readCode(codeText, line, seen, problems);
    const description = readDescription(rest.slice(0, -4).join(' | '), line, problems);
    const minutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : NaN;
    if (!(minutes >= 0 && minutes <= setupLimits.minutesMax)) {
      problems.add(
        line,
        t('setup.error.typeMinutes', { line: line.line, value: minutesText.slice(0, 20), max: setupLimits.minutesMax }),
      );
    }
    const costNormalised = costText.replace(/\s/g, '').replace(',', '.');
    const cost = /^\d+(\.\d+)?$/.test(costNormalised) ? Number(costNormalised) : NaN;
    if (!(cost >= 0 && cost <= setupLimits.costMax))
      problems.add(line, t('setup.error.typeCost', { line: line.line, value: costText.slice(0, 20) }));
    const flow = flows.find((value) => value === word(flowText));
    if (!flow) problems.add(line, t('setup.error.typeFlow', { line: line.line, value: flowText.slice(0, 20) }));
    const initiatedBy = initiators.find((value) => value === word(initiatedText));
    if (!initiatedBy)
      problems.add(line, t('setup.error.typeInitiatedBy', { line: line.line, value: initiatedText.slice(0, 20) }));
    if (
      code !== undefined &&
      description !== undefined &&
      flow &&
      initiatedBy &&
      !Number.isNaN(minutes) &&
      !Number.isNaN(cost)
    ) {
      types.push({ code, description, durationMin: minutes, cost, flow, initiatedBy });
    }
  }
  problems.report(errors, base);
  if (lines.length === 0) errors.add(base, t('setup.error.typesRequired'));
  if (lines.length > setupLimits.entriesMax) {
    errors.add(base, t('setup.error.tooManyTypes', { max: setupLimits.entriesMax, count: lines.length }));
  }
  return types;
}
