import { stateValue, type StateValues } from '../harness/payloads';

interface Option {
  value: string;
  text: { text: string };
}

interface InputBlock {
  type: string;
  block_id?: string;
  element?: {
    type: string;
    action_id: string;
    initial_value?: string;
    initial_option?: Option;
    initial_options?: Option[];
    initial_user?: string;
    initial_users?: string[];
    initial_date?: string;
    initial_time?: string;
  };
}

/** What the element shows before anyone touches it, as Slack would report it. */
function initialOf(element: NonNullable<InputBlock['element']>): Typed {
  if (element.initial_value !== undefined) return element.initial_value;
  if (element.initial_option) return element.initial_option.value;
  if (element.initial_options) return element.initial_options.map((o) => o.value);
  if (element.initial_user) return element.initial_user;
  if (element.initial_users) return element.initial_users;
  if (element.initial_date) return element.initial_date;
  if (element.initial_time) return element.initial_time;
  return null;
}

export type Typed = string | string[] | null;

/**
 * What Slack would send as `view.state.values` after a person filled in `view` (a view the app sent to the fake):
 * every input block with its initial value, then `typed` (keyed by block_id) put in the element the view really
 * has there, under its real action_id. A block_id the view does not have fails the test, so tests cannot fill
 * fields that aren't shown.
 */
export function fillView(view: { blocks?: unknown[] }, typed: Record<string, Typed>): StateValues {
  const inputs = new Map<string, InputBlock>();
  for (const block of (view.blocks ?? []) as InputBlock[]) {
    if (block.type === 'input' && block.block_id) inputs.set(block.block_id, block);
  }
  for (const blockId of Object.keys(typed)) {
    if (!inputs.has(blockId)) throw new Error(`The view has no input block "${blockId}" (it has: ${[...inputs.keys()].join(', ')})`);
  }
  const everything: Record<string, Typed> = {};
  for (const [blockId, block] of inputs) if (block.element) everything[blockId] = initialOf(block.element);
  Object.assign(everything, typed);
  const values: StateValues = {};
  for (const [blockId, value] of Object.entries(everything)) {
    const block = inputs.get(blockId);
    if (!block?.element) continue;
    const { type, action_id: actionId } = block.element;
    const one = Array.isArray(value) ? (value[0] ?? null) : value;
    const many = value === null ? [] : Array.isArray(value) ? value : [value];
    const state = ((): Record<string, unknown> => {
      switch (type) {
        case 'plain_text_input':
          return stateValue.plainText(one);
        case 'email_text_input':
          return stateValue.email(one);
        case 'url_text_input':
          return stateValue.url(one);
        case 'static_select':
        case 'radio_buttons':
          return { ...stateValue.staticSelect(one), type };
        case 'external_select':
          return stateValue.externalSelect(one);
        case 'users_select':
          return stateValue.usersSelect(one);
        case 'datepicker':
          return stateValue.datepicker(one);
        case 'timepicker':
          return stateValue.timepicker(one);
        case 'number_input':
          return stateValue.number(one);
        case 'multi_users_select':
          return { type, selected_users: many };
        case 'checkboxes':
          return stateValue.checkboxes(many.map((v) => ({ value: v })));
        case 'multi_static_select':
          return { type, selected_options: many.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) };
        default:
          throw new Error(`fillView does not know element type ${type}`);
      }
    })();
    values[blockId] = { [actionId]: state };
  }
  return values as StateValues;
}
