import type { Translator } from '../../i18n';
import type { FormErrors } from '../block-errors';
import type { StateReader } from '../view-state';
import { setupLimits, textBoxBlockId } from './setup-form';

/**
 * What the code lists and the interaction types have in common: one entry a line, spread over as many text boxes
 * as Slack's 3000-character cap needs, and problems reported per box by line number. The formats themselves, each
 * with its parser, are in code-lines.ts and interaction-lines.ts.
 */

/** A text as one line: runs of white space (newlines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Length as Slack counts it: in characters, not UTF-16 units. */
const chars = (text: string): number => [...text].length;

/**
 * Lines packed into as few boxes as Slack allows (each ≤ 3000 characters), never splitting a line.
 * A line longer than a whole box (not possible within the rules) is cut rather than dropping the box.
 */
export function packLines(lines: string[], max: number = setupLimits.textBoxChars): string[] {
  const boxes: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = chars(raw) > max ? [...raw].slice(0, max).join('') : raw;
    if (current === '') current = line;
    else if (chars(current) + 1 + chars(line) <= max) current = `${current}\n${line}`;
    else {
      boxes.push(current);
      current = line;
    }
  }
  if (current !== '' || boxes.length === 0) boxes.push(current);
  return boxes;
}

export interface Line {
  part: number;
  /** 1-based, within its box: what the user sees. */
  line: number;
  text: string;
}

/** The non-blank lines of a long list's boxes, in order, each with the box and line it came from. */
export function readLines(reader: StateReader, base: string): Line[] {
  const lines: Line[] = [];
  for (let part = 1; part <= setupLimits.textBoxesMax; part += 1) {
    const blockId = textBoxBlockId(base, part);
    if (!reader.has(blockId)) {
      if (part === 1) continue;
      break;
    }
    (reader.single(blockId) ?? '').split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() !== '') lines.push({ part, line: i + 1, text: raw.trim() });
    });
  }
  return lines;
}

/** Problems of a list: each box shows its first problem and the lines of the others, in `tr`'s language. */
export class LineProblems {
  private readonly problems = new Map<number, { first: string; more: number[] }>();

  constructor(readonly tr: Translator) {}

  add(line: Line, message: string): void {
    const box = this.problems.get(line.part);
    if (!box) this.problems.set(line.part, { first: message, more: [] });
    else if (!box.more.includes(line.line)) box.more.push(line.line);
  }

  report(errors: FormErrors, base: string): void {
    for (const [part, { first, more }] of this.problems) {
      const also =
        more.length === 0 ? '' : ` ${this.tr.t('setup.error.moreLines', { lines: more.slice(0, 10).join(', ') })}`;
      errors.add(textBoxBlockId(base, part), first + also);
    }
  }
}

/** A code from a line, checked; undefined (with the problem recorded) when it breaks a rule. */
export function readCode(raw: string, line: Line, seen: Map<string, Line>, problems: LineProblems): string | undefined {
  const code = raw.trim().toUpperCase();
  const shown = code.slice(0, 20);
  if (code === '') problems.add(line, problems.tr.t('setup.error.codeMissing', { line: line.line }));
  else if (/\s/.test(code))
    problems.add(line, problems.tr.t('setup.error.codeSpaces', { line: line.line, code: shown }));
  else if (chars(code) > setupLimits.codeMax)
    problems.add(
      line,
      problems.tr.t('setup.error.codeTooLong', { line: line.line, code: shown, max: setupLimits.codeMax }),
    );
  else {
    const first = seen.get(code);
    if (first === undefined) {
      seen.set(code, line);
      return code;
    }
    problems.add(
      line,
      first.part === line.part
        ? problems.tr.t('setup.error.codeDuplicate', { line: line.line, code, first: first.line })
        : problems.tr.t('setup.error.codeDuplicateEarlierBox', { line: line.line, code }),
    );
  }
  return undefined;
}

export function readDescription(raw: string, line: Line, problems: LineProblems): string | undefined {
  const description = oneLine(raw);
  if (chars(description) <= setupLimits.descriptionMax) return description;
  problems.add(
    line,
    problems.tr.t('setup.error.descriptionTooLong', {
      line: line.line,
      max: setupLimits.descriptionMax,
      length: chars(description),
    }),
  );
  return undefined;
}
