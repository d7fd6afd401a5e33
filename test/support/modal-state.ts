import { stateValue, type StateValues } from '../harness/payloads';

interface Option {
  value: string;
  text: { type?: string; text: string };
}

interface InputElement {
  type: string;
  action_id: string;
  initial_value?: string;
  initial_option?: Option;
  initial_options?: Option[];
  initial_user?: string;
  initial_users?: string[];
  initial_date?: string;
  initial_time?: string;
  initial_conversation?: string;
}

interface InputBlock {
  type: string;
  block_id?: string;
  element?: InputElement;
}

export type Typed = string | string[] | null;
type Json = Record<string, unknown>;

/** What Slack reports for an element nobody touched: its initial value, in that element type's state shape. */
function untouched(element: InputElement): Json {
  const { type } = element;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: element.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'file_input':
      return { type, files: [] };
    default:
      throw new Error(`No state shape for element type ${type}`);
  }
}

/** What Slack reports for an element a person filled in with `value`. */
function typedState(element: InputElement, value: Typed): Json {
  const { type } = element;
  const one = Array.isArray(value) ? (value[0] ?? null) : value;
  const many = value === null ? [] : Array.isArray(value) ? value : [value];
  switch (type) {
    case 'plain_text_input':
      return stateValue.plainText(one);
    case 'email_text_input':
      return stateValue.email(one);
    case 'url_text_input':
      return stateValue.url(one);
    case 'number_input':
      return stateValue.number(one);
    case 'static_select':
    case 'radio_buttons':
      return { ...stateValue.staticSelect(one), type };
    case 'external_select':
      return stateValue.externalSelect(one);
    case 'users_select':
      return stateValue.usersSelect(one);
    case 'multi_users_select':
      return { type, selected_users: many };
    case 'datepicker':
      return stateValue.datepicker(one);
    case 'timepicker':
      return stateValue.timepicker(one);
    case 'conversations_select':
      return stateValue.conversationsSelect(one);
    case 'checkboxes':
      return stateValue.checkboxes(many.map((v) => ({ value: v })));
    case 'multi_static_select':
      return { type, selected_options: many.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) };
    case 'file_input':
      // A file id the test added to the fake (FakeSlackApi.addFile); Slack sends the whole file object.
      return { type, files: many.map((id) => ({ id, name: `${id}.csv` })) };
    default:
      throw new Error(`fillView does not know element type ${type}`);
  }
}

/**
 * What Slack would send as `view.state.values` after a person filled in `view` (a view the app built or sent to
 * the fake): every input block with its initial value, then `typed` (keyed by block_id) put in the element the
 * view really has there, under its real action_id. A block_id the view does not have fails the test, so tests
 * cannot fill fields that aren't shown.
 */
export function fillView(view: { blocks?: unknown[] }, typed: Record<string, Typed>): StateValues {
  const inputs = new Map<string, InputElement>();
  for (const block of (view.blocks ?? []) as InputBlock[]) {
    if (block.type === 'input' && block.block_id && block.element) inputs.set(block.block_id, block.element);
  }
  for (const blockId of Object.keys(typed)) {
    if (!inputs.has(blockId))
      throw new Error(`The view has no input block "${blockId}" (it has: ${[...inputs.keys()].join(', ')})`);
  }
  const values: Record<string, Record<string, Json>> = {};
  for (const [blockId, element] of inputs) {
    const state = Object.hasOwn(typed, blockId) ? typedState(element, typed[blockId] as Typed) : untouched(element);
    values[blockId] = { [element.action_id]: state };
  }
  return values as StateValues;
}

/** `view.state.values` for a modal submitted without anyone touching it. */
export function stateFromInitialValues(view: { blocks?: unknown[] }): Record<string, Record<string, Json>> {
  return fillView(view, {}) as unknown as Record<string, Record<string, Json>>;
}
