import type { InputBlock, InputBlockElement, PlainTextOption } from '@slack/types';
import { ids } from '../../ids';
import type { ContactModalField } from '../../schemas/contact-modal';
import { plain, SLACK, truncate } from './text';

/** Slack's limit on a label/hint is 2000; ours are short sentences, cut well below anyway. */
const LABEL_MAX = 200;
const HINT_MAX = 500;

export interface InputOptions {
  label: string;
  hint?: string;
  /** Every field but the name may stay empty. */
  required?: boolean;
  /** Send block_actions when the element changes (the type radio). */
  dispatch?: boolean;
}

/** An input block whose block_id is the field's id from ids.contactField.blocks. */
export function inputBlock(field: ContactModalField, element: InputBlockElement, options: InputOptions): InputBlock {
  return {
    type: 'input',
    block_id: ids.contactField.blocks[field],
    label: plain(options.label, LABEL_MAX),
    ...(options.hint ? { hint: plain(options.hint, HINT_MAX) } : {}),
    optional: !options.required,
    ...(options.dispatch ? { dispatch_action: true } : {}),
    element,
  };
}

const placeholder = (text: string | undefined) => (text ? { placeholder: plain(text, SLACK.placeholder) } : {});

/** A value longer than the field allows cannot be pre-filled (Slack refuses it); the cut shows what was there. */
function initialText(value: unknown, maxLength: number): { initial_value?: string } {
  return typeof value === 'string' && value.trim() !== '' ? { initial_value: truncate(value, maxLength) } : {};
}

export function textElement(value: unknown, maxLength: number, placeholderText?: string): InputBlockElement {
  return {
    type: 'plain_text_input',
    action_id: ids.contactField.action,
    max_length: maxLength,
    ...initialText(value, maxLength),
    ...placeholder(placeholderText),
  };
}

export function emailElement(value: unknown, placeholderText?: string): InputBlockElement {
  return {
    type: 'email_text_input',
    action_id: ids.contactField.action,
    ...initialText(value, 254),
    ...placeholder(placeholderText),
  };
}

export function usersElement(userId: string | undefined, placeholderText?: string): InputBlockElement {
  return {
    type: 'users_select',
    action_id: ids.contactField.action,
    ...(userId ? { initial_user: userId } : {}),
    ...placeholder(placeholderText),
  };
}

export function selectElement(
  options: PlainTextOption[],
  selected: PlainTextOption[],
  placeholderText?: string,
): InputBlockElement {
  const [initial] = selected;
  return {
    type: 'static_select',
    action_id: ids.contactField.action,
    options,
    ...(initial ? { initial_option: initial } : {}),
    ...placeholder(placeholderText),
  };
}

export function multiSelectElement(
  options: PlainTextOption[],
  selected: PlainTextOption[],
  placeholderText?: string,
): InputBlockElement {
  return {
    type: 'multi_static_select',
    action_id: ids.contactField.action,
    options,
    ...(selected.length > 0 ? { initial_options: selected } : {}),
    ...placeholder(placeholderText),
  };
}

/** A radio group with its own action id (a radio that redraws the modal); `selected` is an option's value. */
export function radioElement(
  actionId: string,
  choices: { value: string; text: string }[],
  selected: string | undefined,
): InputBlockElement {
  const options: PlainTextOption[] = choices.map((choice) => ({
    text: plain(choice.text, SLACK.optionText),
    value: choice.value,
  }));
  const initial = options.find((option) => option.value === selected);
  return { type: 'radio_buttons', action_id: actionId, options, ...(initial ? { initial_option: initial } : {}) };
}

/** Several checkboxes in one input: `[text, value, checked]` each. */
export function checkboxesElement(options: [string, string, boolean][]): InputBlockElement {
  const all: PlainTextOption[] = options.map(([text, value]) => ({ text: plain(text, SLACK.optionText), value }));
  const ticked = all.filter((_, index) => options[index]![2]);
  return {
    type: 'checkboxes',
    action_id: ids.contactField.action,
    options: all,
    ...(ticked.length > 0 ? { initial_options: ticked } : {}),
  };
}

/** One tick box; `value` is what the parser looks for. */
export function checkboxElement(text: string, value: string, checked: boolean): InputBlockElement {
  return checkboxesElement([[text, value, checked]]);
}
