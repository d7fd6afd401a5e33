import { z } from 'zod';

/**
 * Reading `view.state.values` whatever Slack (or a forger) sent. Shared by every modal's parser: each property of
 * an element's state is read on its own, so junk in one never hides the others, and nothing here ever throws.
 */
const selectedOption = z.object({
  value: z.string(),
  text: z.object({ text: z.string() }).optional().catch(undefined),
});

export const elementStateSchema = z
  .object({
    value: z.string().nullish().catch(undefined),
    selected_option: selectedOption.nullish().catch(undefined),
    selected_options: z.array(z.unknown()).nullish().catch(undefined),
    selected_user: z.string().nullish().catch(undefined),
    selected_users: z.array(z.unknown()).nullish().catch(undefined),
    selected_date: z.string().nullish().catch(undefined),
    selected_time: z.string().nullish().catch(undefined),
  })
  .catch({});

export type ElementState = z.infer<typeof elementStateSchema>;

/** Any object, or {} for anything else. */
export const recordSchema = z.record(z.string(), z.unknown()).catch({});

/** The element state of a block: the expected action id first, else whatever single element the block holds. */
export function elementState(
  values: Record<string, unknown>,
  blockId: string,
  actionId: string,
): ElementState | undefined {
  if (!Object.hasOwn(values, blockId)) return undefined;
  const actions = recordSchema.parse(values[blockId]);
  const state = Object.hasOwn(actions, actionId) ? actions[actionId] : Object.values(actions)[0];
  return state === undefined ? undefined : elementStateSchema.parse(state);
}

/** The values of selected options (multi-selects, checkboxes); strings are taken as they are (user ids). */
export function optionValues(list: readonly unknown[] | null | undefined): string[] {
  return (list ?? []).flatMap((item) => {
    if (typeof item === 'string') return [item];
    const option = selectedOption.safeParse(item);
    return option.success ? [option.data.value] : [];
  });
}
