import type {
  Checkboxes,
  ExternalSelect,
  InputBlock,
  InputBlockElement,
  MultiUsersSelect,
  NumberInput,
  PlainTextOption,
  RadioButtons,
  Timepicker,
} from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { timeZoneLabel } from '../../services/setup/time-zones';
import { setupLimits } from '../../schemas/setup/setup-form';
import { plain, SLACK, truncate } from '../contact/text';

/** Labels and hints are our own short sentences; cut well below Slack's 2000 anyway. */
const LABEL_MAX = 200;
const HINT_MAX = 1000;

const action = ids.setupField.action;

export interface SetupInputOptions {
  label: string;
  hint?: string;
  /** Slack refuses to submit while a required input is empty; on/off boxes and lists that may be empty are optional. */
  required?: boolean;
}

/** An input block of a setup section; block ids come from ids.setupField. */
export function setupInput(blockId: string, element: InputBlockElement, options: SetupInputOptions): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(options.label, LABEL_MAX),
    ...(options.hint ? { hint: plain(options.hint, HINT_MAX) } : {}),
    optional: !options.required,
    element,
  };
}

const placeholder = (text: string | undefined) => (text ? { placeholder: plain(text, SLACK.placeholder) } : {});

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, SLACK.optionText), value };
}

/** A whole-number input; Slack checks the range too, the parser checks it again. */
export function numberElement(value: number | undefined, min: number, max?: number): NumberInput {
  return {
    type: 'number_input',
    action_id: action,
    is_decimal_allowed: false,
    min_value: String(min),
    ...(max !== undefined ? { max_value: String(max) } : {}),
    ...(value !== undefined && Number.isFinite(value) ? { initial_value: String(value) } : {}),
  };
}

/** A multiline text box of at most 3000 characters (Slack's cap); `value` is cut to fit, never refused. */
export function multilineElement(value: string, placeholderText?: string): InputBlockElement {
  return {
    type: 'plain_text_input',
    action_id: action,
    multiline: true,
    max_length: setupLimits.textBoxChars,
    ...(value.trim() !== '' ? { initial_value: truncate(value, setupLimits.textBoxChars) } : {}),
    ...placeholder(placeholderText),
  };
}

/** Checkboxes (≤ 10); Slack wants initial options to be the very option objects it offers, and none when empty. */
export function checkboxesElement(options: PlainTextOption[], checked: readonly string[]): Checkboxes {
  const initial = options.filter((o) => o.value !== undefined && checked.includes(o.value));
  return {
    type: 'checkboxes',
    action_id: action,
    options,
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
}

export function radioElement(options: PlainTextOption[], selected: string | undefined): RadioButtons {
  const initial = options.find((o) => o.value === selected);
  return { type: 'radio_buttons', action_id: action, options, ...(initial ? { initial_option: initial } : {}) };
}

export function multiUsersElement(userIds: readonly string[], placeholderText?: string): MultiUsersSelect {
  const initial = [...new Set(userIds)].slice(0, setupLimits.usersMax);
  return {
    type: 'multi_users_select',
    action_id: action,
    ...(initial.length > 0 ? { initial_users: initial } : {}),
    ...placeholder(placeholderText),
  };
}

export function timeElement(time: string | undefined): Timepicker {
  return { type: 'timepicker', action_id: action, ...(time && /^\d\d:\d\d$/.test(time) ? { initial_time: time } : {}) };
}

/**
 * The digest's time zone: an external_select over every IANA zone (more than a static_select's 100), with its own
 * action id so its typeahead reaches the time zone options listener; the current zone is pre-selected.
 */
export function timeZoneElement(tr: Translator, zone: string | undefined): ExternalSelect {
  return {
    type: 'external_select',
    action_id: ids.actions.setupTimeZone,
    min_query_length: 0,
    placeholder: plain(tr.t('setup.digest.timeZonePlaceholder'), SLACK.placeholder),
    ...(zone ? { initial_option: option(timeZoneLabel(zone), zone) } : {}),
  };
}
