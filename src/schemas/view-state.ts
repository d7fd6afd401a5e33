import { z } from 'zod';

/**
 * Reading `view.state.values` whatever Slack (or a forger) sent, for every modal's parser: each property of an
 * element's state is read on its own, so junk in one never hides the others, and nothing here ever throws.
 */
const selectedOption = z.object({
  value: z.string(),
  text: z.object({ text: z.string() }).optional().catch(undefined),
});

const elementStateSchema = z
  .object({
    value: z.string().nullish().catch(undefined),
    selected_option: selectedOption.nullish().catch(undefined),
    selected_options: z.array(z.unknown()).nullish().catch(undefined),
    selected_user: z.string().nullish().catch(undefined),
    selected_users: z.array(z.unknown()).nullish().catch(undefined),
    selected_date: z.string().nullish().catch(undefined),
    selected_time: z.string().nullish().catch(undefined),
    selected_conversation: z.string().nullish().catch(undefined),
  })
  .catch({});

export type ElementState = z.infer<typeof elementStateSchema>;

/** Any object, or {} for anything else. */
const recordSchema = z.record(z.string(), z.unknown()).catch({});

/** The element state of a block: the expected action id first, else whatever single element the block holds. */
function elementState(values: Record<string, unknown>, blockId: string, actionId: string): ElementState | undefined {
  if (!Object.hasOwn(values, blockId)) return undefined;
  const actions = recordSchema.parse(values[blockId]);
  const state = Object.hasOwn(actions, actionId) ? actions[actionId] : Object.values(actions)[0];
  return state === undefined ? undefined : elementStateSchema.parse(state);
}

/** The values of selected options (multi-selects, checkboxes); strings are taken as they are (user ids). */
function optionValues(list: readonly unknown[] | null | undefined): string[] {
  return (list ?? []).flatMap((item) => {
    if (typeof item === 'string') return [item];
    const option = selectedOption.safeParse(item);
    return option.success ? [option.data.value] : [];
  });
}

/** The action id a modal's input carries, by its block id: one for the whole modal, or a rule per block. */
export type ActionIdOf = string | ((blockId: string) => string);

/**
 * One modal's `view.state.values`, read by block id. Every modal parser reads through this: a value is found under
 * the modal's action id for that block, else under whatever single element the block holds, and a missing or
 * malformed block reads as nothing entered.
 */
export class StateReader {
  private readonly values: Record<string, unknown>;

  constructor(
    values: unknown,
    private readonly actionIdOf: ActionIdOf,
  ) {
    this.values = recordSchema.parse(values);
  }

  has(blockId: string): boolean {
    return Object.hasOwn(this.values, blockId);
  }

  element(blockId: string): ElementState | undefined {
    const actionId = typeof this.actionIdOf === 'string' ? this.actionIdOf : this.actionIdOf(blockId);
    return elementState(this.values, blockId, actionId);
  }

  /** A text, number, select, radio, user, date or time value as a string; undefined when nothing was entered. */
  single(blockId: string): string | undefined {
    const state = this.element(blockId);
    return (
      state?.value ??
      state?.selected_option?.value ??
      state?.selected_user ??
      state?.selected_date ??
      state?.selected_time ??
      state?.selected_conversation ??
      undefined
    );
  }

  /** Checkbox and multi-select values (option values or user ids); a single value where a list was expected. */
  many(blockId: string): string[] {
    const state = this.element(blockId);
    const list = state?.selected_options ?? state?.selected_users;
    if (list) return optionValues(list);
    const one = this.single(blockId);
    return one === undefined ? [] : [one];
  }
}
