/**
 * Block Kit limits Slack enforces server-side, as pure functions.
 *
 * Real Slack rejects a message or view that breaks them (`invalid_blocks` for chat.*, `invalid_arguments`
 * for views.*), but nothing on this machine can reach Slack, so without this check an app could ship a
 * modal that only ever works in tests. The limits are the ones in the project's Slack platform notes
 * (docs.slack.dev reference pages and @slack/types; where they disagree, the safer bound).
 *
 * Each violation is a string shaped like the messages Slack returns in `response_metadata.messages`
 * (minus the "[ERROR] " prefix): `<what is wrong> [json-pointer:/view/blocks/2/text/text]`, so it reads
 * well in a test failure and can be sent back verbatim by the fake Web API.
 */

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 4000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  selectOptions: 100,
  externalSelectOptions: 100,
  checkboxOrRadioOptions: 10,
  overflowOptions: 5,
  actionsElements: 25,
  contextElements: 10,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMaxLength: 3000,
  placeholder: 150,
  id: 255,
  modalTitle: 24,
  privateMetadata: 3000,
  imageAltText: 2000,
} as const;

type Json = Record<string, unknown>;
type Violations = string[];

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const SELECT_TYPES = new Set([
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
]);

const INPUT_ELEMENT_TYPES = new Set([
  ...SELECT_TYPES,
  'plain_text_input',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
]);

const INTERACTIVE_ELEMENT_TYPES = new Set([
  ...INPUT_ELEMENT_TYPES,
  'button',
  'overflow',
  'workflow_button',
  'feedback_buttons',
  'icon_button',
]);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(path: string): string {
  return `[json-pointer:${path}]`;
}

/** Slack counts characters, not UTF-16 code units; emoji would otherwise count double. */
function charCount(text: string): number {
  return [...text].length;
}

function checkMaxLength(v: Violations, value: unknown, max: number, path: string): void {
  if (typeof value === 'string' && charCount(value) > max) {
    v.push(`must be at most ${max} characters (got ${charCount(value)}) ${at(path)}`);
  }
}

function checkIdField(v: Violations, owner: Json, field: string, path: string): void {
  const value = owner[field];
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0) {
    v.push(`${field} must be a non-empty string ${at(`${path}/${field}`)}`);
    return;
  }
  checkMaxLength(v, value, LIMITS.id, `${path}/${field}`);
}

interface TextRule {
  /** Slack accepts only plain_text here (buttons, headers, labels, placeholders, modal titles…). */
  plainOnly?: boolean;
  max: number;
}

/** A text object: `{ type: 'plain_text' | 'mrkdwn', text: non-empty string }`. */
function checkText(v: Violations, value: unknown, path: string, rule: TextRule): void {
  if (!isObject(value)) {
    v.push(`must be a text object {type, text} ${at(path)}`);
    return;
  }
  const allowed = rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(value.type as string)) {
    v.push(`text type must be ${allowed.join(' or ')} (got ${JSON.stringify(value.type)}) ${at(`${path}/type`)}`);
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    v.push(`text must be a non-empty string ${at(`${path}/text`)}`);
    return;
  }
  checkMaxLength(v, value.text, rule.max, `${path}/text`);
}

function checkOptionalText(v: Violations, owner: Json, field: string, path: string, rule: TextRule): void {
  if (owner[field] !== undefined) checkText(v, owner[field], `${path}/${field}`, rule);
}

function checkArrayLength(v: Violations, value: unknown, max: number, path: string, min = 1): value is unknown[] {
  if (!Array.isArray(value)) {
    v.push(`must be an array ${at(path)}`);
    return false;
  }
  if (value.length < min) v.push(`must have at least ${min} item(s) ${at(path)}`);
  if (value.length > max) v.push(`must have at most ${max} items (got ${value.length}) ${at(path)}`);
  return true;
}

interface OptionRule {
  /** checkboxes and radio_buttons accept mrkdwn option text; selects and overflow menus do not. */
  plainOnly: boolean;
}

function checkOption(v: Violations, option: unknown, path: string, rule: OptionRule): void {
  if (!isObject(option)) {
    v.push(`option must be an object ${at(path)}`);
    return;
  }
  checkText(v, option.text, `${path}/text`, { plainOnly: rule.plainOnly, max: LIMITS.optionText });
  if (typeof option.value !== 'string' || option.value.length === 0) {
    v.push(`option value must be a non-empty string ${at(`${path}/value`)}`);
  } else {
    checkMaxLength(v, option.value, LIMITS.optionValue, `${path}/value`);
  }
  checkOptionalText(v, option, 'description', path, { plainOnly: true, max: LIMITS.optionDescription });
  checkMaxLength(v, option.url, LIMITS.url, `${path}/url`);
}

function checkOptionList(v: Violations, options: unknown, max: number, path: string, rule: OptionRule, min = 1): void {
  if (!checkArrayLength(v, options, max, path, min)) return;
  options.forEach((option, i) => checkOption(v, option, `${path}/${i}`, rule));
}

/**
 * `options` xor `option_groups`, each at most `max` entries (static selects, external_select replies).
 * `min` is 0 for an external_select reply: an empty list is how "no match" is said.
 */
function checkOptionsOrGroups(v: Violations, owner: Json, max: number, path: string, min = 1): void {
  const hasOptions = owner.options !== undefined;
  const hasGroups = owner.option_groups !== undefined;
  if (hasOptions && hasGroups) v.push(`must have either options or option_groups, not both ${at(path)}`);
  if (hasOptions) checkOptionList(v, owner.options, max, `${path}/options`, { plainOnly: true }, min);
  if (hasGroups) {
    const groups = owner.option_groups;
    if (!checkArrayLength(v, groups, max, `${path}/option_groups`, min)) return;
    groups.forEach((group, i) => {
      const groupPath = `${path}/option_groups/${i}`;
      if (!isObject(group)) {
        v.push(`option group must be an object ${at(groupPath)}`);
        return;
      }
      checkText(v, group.label, `${groupPath}/label`, { plainOnly: true, max: LIMITS.optionText });
      checkOptionList(v, group.options, max, `${groupPath}/options`, { plainOnly: true });
    });
  }
}

function checkElement(v: Violations, element: unknown, path: string): void {
  if (!isObject(element)) {
    v.push(`element must be an object ${at(path)}`);
    return;
  }
  const type = element.type as string;
  checkIdField(v, element, 'action_id', path);
  checkOptionalText(v, element, 'placeholder', path, { plainOnly: true, max: LIMITS.placeholder });
  if (type === 'button' || type === 'workflow_button') {
    checkText(v, element.text, `${path}/text`, { plainOnly: true, max: LIMITS.buttonText });
    checkMaxLength(v, element.value, LIMITS.buttonValue, `${path}/value`);
    checkMaxLength(v, element.url, LIMITS.url, `${path}/url`);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      v.push(`button style must be primary or danger ${at(`${path}/style`)}`);
    }
  } else if (type === 'static_select' || type === 'multi_static_select') {
    if (element.options === undefined && element.option_groups === undefined) {
      v.push(`${type} needs options or option_groups ${at(path)}`);
    }
    checkOptionsOrGroups(v, element, LIMITS.selectOptions, path);
  } else if (type === 'checkboxes' || type === 'radio_buttons') {
    checkOptionList(v, element.options, LIMITS.checkboxOrRadioOptions, `${path}/options`, { plainOnly: false });
  } else if (type === 'overflow') {
    checkOptionList(v, element.options, LIMITS.overflowOptions, `${path}/options`, { plainOnly: true });
  } else if (type === 'plain_text_input') {
    for (const field of ['max_length', 'min_length'] as const) {
      const n = element[field];
      if (n !== undefined && (typeof n !== 'number' || n < 0 || n > LIMITS.plainTextInputMaxLength)) {
        v.push(`${field} must be a number from 0 to ${LIMITS.plainTextInputMaxLength} ${at(`${path}/${field}`)}`);
      }
    }
  } else if (type === 'image') {
    checkMaxLength(v, element.alt_text, LIMITS.imageAltText, `${path}/alt_text`);
  } else if (!INTERACTIVE_ELEMENT_TYPES.has(type)) {
    v.push(`unknown element type ${JSON.stringify(type)} ${at(`${path}/type`)}`);
  }
}

function checkUniqueActionIds(v: Violations, elements: unknown[], path: string): void {
  const seen = new Set<string>();
  elements.forEach((element, i) => {
    if (!isObject(element) || typeof element.action_id !== 'string') return;
    if (seen.has(element.action_id)) {
      v.push(
        `action_id ${JSON.stringify(element.action_id)} is not unique in its block ${at(`${path}/${i}/action_id`)}`,
      );
    }
    seen.add(element.action_id);
  });
}

type Surface = 'message' | 'modal' | 'home';

function checkBlock(v: Violations, block: unknown, path: string, surface: Surface): void {
  if (!isObject(block)) {
    v.push(`block must be an object ${at(path)}`);
    return;
  }
  const type = block.type as string;
  if (!KNOWN_BLOCK_TYPES.has(type)) {
    v.push(`unknown block type ${JSON.stringify(type)} ${at(`${path}/type`)}`);
    return;
  }
  checkIdField(v, block, 'block_id', path);
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        v.push(`section must define either text or fields ${at(path)}`);
      }
      checkOptionalText(v, block, 'text', path, { max: LIMITS.sectionText });
      if (block.fields !== undefined && checkArrayLength(v, block.fields, LIMITS.sectionFields, `${path}/fields`)) {
        block.fields.forEach((field, i) =>
          checkText(v, field, `${path}/fields/${i}`, { max: LIMITS.sectionFieldText }),
        );
      }
      if (block.accessory !== undefined) checkElement(v, block.accessory, `${path}/accessory`);
      break;
    }
    case 'header':
      checkText(v, block.text, `${path}/text`, { plainOnly: true, max: LIMITS.headerText });
      break;
    case 'actions':
      if (checkArrayLength(v, block.elements, LIMITS.actionsElements, `${path}/elements`)) {
        block.elements.forEach((element, i) => checkElement(v, element, `${path}/elements/${i}`));
        checkUniqueActionIds(v, block.elements, `${path}/elements`);
      }
      break;
    case 'context':
      if (checkArrayLength(v, block.elements, LIMITS.contextElements, `${path}/elements`)) {
        block.elements.forEach((element, i) => {
          const elementPath = `${path}/elements/${i}`;
          if (isObject(element) && element.type === 'image') checkElement(v, element, elementPath);
          else checkText(v, element, elementPath, { max: LIMITS.sectionText });
        });
      }
      break;
    case 'input':
      if (surface === 'message') v.push(`input blocks are only allowed in modals and Home tabs ${at(path)}`);
      checkText(v, block.label, `${path}/label`, { plainOnly: true, max: LIMITS.inputLabel });
      checkOptionalText(v, block, 'hint', path, { plainOnly: true, max: LIMITS.inputHint });
      if (!isObject(block.element)) v.push(`input block needs an element ${at(`${path}/element`)}`);
      else if (!INPUT_ELEMENT_TYPES.has(block.element.type as string)) {
        v.push(
          `element type ${JSON.stringify(block.element.type)} is not allowed in an input block ${at(`${path}/element/type`)}`,
        );
      } else checkElement(v, block.element, `${path}/element`);
      break;
    case 'image':
      if (typeof block.image_url !== 'string' && !isObject(block.slack_file)) {
        v.push(`image block needs image_url or slack_file ${at(path)}`);
      }
      if (typeof block.alt_text !== 'string' || block.alt_text.length === 0) {
        v.push(`image block needs alt_text ${at(`${path}/alt_text`)}`);
      }
      checkMaxLength(v, block.alt_text, LIMITS.imageAltText, `${path}/alt_text`);
      checkOptionalText(v, block, 'title', path, { plainOnly: true, max: LIMITS.imageAltText });
      break;
    default:
      // divider, file, markdown, rich_text, video: nothing the app is likely to get wrong.
      break;
  }
}

function checkBlockList(v: Violations, blocks: unknown, path: string, surface: Surface): void {
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (!checkArrayLength(v, blocks, max, path, 0)) return;
  blocks.forEach((block, i) => checkBlock(v, block, `${path}/${i}`, surface));
}

/** Views and (per Slack's docs) each message must not repeat a block_id; Slack answers `duplicate block_id`. */
function checkUniqueBlockIds(v: Violations, blocks: unknown, path: string): void {
  if (!Array.isArray(blocks)) return;
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    if (!isObject(block) || typeof block.block_id !== 'string') return;
    if (seen.has(block.block_id)) {
      v.push(`block_id ${JSON.stringify(block.block_id)} is not unique ${at(`${path}/${i}/block_id`)}`);
    }
    seen.add(block.block_id);
  });
}

/** A modal or Home tab view as passed to views.open / update / push / publish (or a response_action view). */
export function checkView(view: unknown): string[] {
  const v: Violations = [];
  if (!isObject(view)) return [`view must be an object ${at('/view')}`];
  const surface = view.type;
  if (surface !== 'modal' && surface !== 'home') {
    return [`view type must be modal or home (got ${JSON.stringify(surface)}) ${at('/view/type')}`];
  }
  const titleRule = { plainOnly: true, max: LIMITS.modalTitle };
  if (surface === 'modal') checkText(v, view.title, '/view/title', titleRule);
  else checkOptionalText(v, view, 'title', '/view', titleRule);
  checkOptionalText(v, view, 'submit', '/view', titleRule);
  checkOptionalText(v, view, 'close', '/view', titleRule);
  checkBlockList(v, view.blocks, '/view/blocks', surface);
  checkUniqueBlockIds(v, view.blocks, '/view/blocks');
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
  if (surface === 'modal' && hasInput && view.submit === undefined) {
    v.push(`a modal with input blocks must define submit ${at('/view/submit')}`);
  }
  if (view.private_metadata !== undefined && typeof view.private_metadata !== 'string') {
    v.push(`private_metadata must be a string ${at('/view/private_metadata')}`);
  }
  checkMaxLength(v, view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  checkIdField(v, view, 'callback_id', '/view');
  checkIdField(v, view, 'external_id', '/view');
  return v;
}

export interface MessageContent {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}

/** The message part of chat.postMessage / postEphemeral / update and of a response_url body. */
export function checkMessage(message: MessageContent): string[] {
  const v: Violations = [];
  if (message.text !== undefined && typeof message.text !== 'string') {
    v.push(`text must be a string ${at('/text')}`);
  }
  checkMaxLength(v, message.text, LIMITS.messageText, '/text');
  if (message.blocks !== undefined) {
    checkBlockList(v, message.blocks, '/blocks', 'message');
    checkUniqueBlockIds(v, message.blocks, '/blocks');
  }
  if (message.attachments !== undefined) {
    if (!Array.isArray(message.attachments)) v.push(`attachments must be an array ${at('/attachments')}`);
    else {
      message.attachments.forEach((attachment, i) => {
        if (isObject(attachment) && attachment.blocks !== undefined) {
          checkBlockList(v, attachment.blocks, `/attachments/${i}/blocks`, 'message');
        }
      });
    }
  }
  return v;
}

/** What the app acks to a block_suggestion (external_select options load). */
export function checkOptions(optionsResponse: unknown): string[] {
  const v: Violations = [];
  if (!isObject(optionsResponse)) return [`options response must be an object ${at('')}`];
  if (optionsResponse.options === undefined && optionsResponse.option_groups === undefined) {
    v.push(`options response needs options or option_groups ${at('')}`);
  }
  checkOptionsOrGroups(v, optionsResponse, LIMITS.externalSelectOptions, '', 0);
  return v;
}
