import type { Translator } from '../../i18n';
import type { CodeListEntry } from '../../services/setup/setup.types';
import type { FormErrors } from '../block-errors';
import type { StateReader } from '../view-state';
import { LineProblems, oneLine, readCode, readDescription, readLines, type Line } from './line-list';
import { setupBlocks, setupLimits } from './setup-form';

/**
 * A code list as text, one entry a line: `MANU Manufacturing`. A description holding `|` is written
 * `CODE | description` so it reads back the same; parseCodeLines reads both forms.
 */
export function formatCodeLine(entry: CodeListEntry): string {
  const description = oneLine(entry.description);
  if (description === '') return entry.code;
  return description.includes('|') ? `${entry.code} | ${description}` : `${entry.code} ${description}`;
}

/** The code list typed in a section's boxes; each problem goes on the box it is in. */
export function parseCodeLines(reader: StateReader, errors: FormErrors, tr: Translator): CodeListEntry[] {
  const lines = readLines(reader, setupBlocks.codes);
  const problems = new LineProblems(tr);
  const seen = new Map<string, Line>();
  const entries: CodeListEntry[] = [];
  for (const line of lines) {
    const pipe = line.text.indexOf('|');
    const [codeText, descriptionText] =
      pipe >= 0
        ? [line.text.slice(0, pipe), line.text.slice(pipe + 1)]
        : [line.text.split(/\s/, 1)[0] ?? '', line.text.replace(/^\S+/, '')];
    const code = readCode(codeText, line, seen, problems);
    const description = readDescription(descriptionText, line, problems);
    if (code !== undefined && description !== undefined) entries.push({ code, description });
  }
  problems.report(errors, setupBlocks.codes);
  if (lines.length > setupLimits.entriesMax) {
    errors.add(
      setupBlocks.codes,
      tr.t('setup.error.tooManyCodes', { max: setupLimits.entriesMax, count: lines.length }),
    );
  }
  return entries;
}
