import type { z } from 'zod';

/** Inline errors as `ack({ response_action: 'errors', errors })` takes them: block id → message. */
export type BlockErrors = Record<string, string>;

/**
 * Errors keyed by field (a modal parser's or a service's) → the modal's block errors. Each goes on its field's block
 * (`blockOf`); anything without a block there (`form`, an unknown key, a field this modal does not show) goes on
 * `fallback`, a block every variant of the modal has. Several messages for one block are joined into one text, so
 * none is lost. Empty and non-string messages are skipped: a service's error object is data, not a promise.
 */
export function toBlockErrors(
  errors: Readonly<Record<string, unknown>>,
  blockOf: (field: string) => string | undefined,
  fallback: string,
): BlockErrors {
  const result: BlockErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    if (typeof message !== 'string' || message === '') continue;
    const blockId = blockOf(field) ?? fallback;
    result[blockId] = result[blockId] === undefined ? message : `${result[blockId]} ${message}`;
  }
  return result;
}

/**
 * What a modal parser finds wrong, by field, so the user sees every problem at once. A second message for a field
 * is joined to the first; `check` adds only a rule's first issue, so one wrong value gets one sentence.
 */
export class FormErrors {
  private readonly byField = new Map<string, string>();

  add(field: string, message: string): void {
    const previous = this.byField.get(field);
    this.byField.set(field, previous === undefined ? message : `${previous} ${message}`);
  }

  has(field: string): boolean {
    return this.byField.has(field);
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  /** Runs a rule over a raw value (missing reads as ''); the value when it passes, else undefined and the error. */
  check<T>(field: string, rule: z.ZodType<T>, raw: string | undefined): T | undefined {
    const parsed = rule.safeParse(raw ?? '');
    if (parsed.success) return parsed.data;
    this.add(field, parsed.error.issues[0]?.message ?? parsed.error.message);
    return undefined;
  }

  toBlockErrors(blockOf: (field: string) => string | undefined, fallback: string): BlockErrors {
    return toBlockErrors(Object.fromEntries(this.byField), blockOf, fallback);
  }
}
