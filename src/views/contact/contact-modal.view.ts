import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import type { ContactInput, ContactType, InheritedField } from '../../schemas/contact-input';
import {
  checkboxValue,
  codeListOf,
  contactModalFields,
  employmentValue,
  quickContactFields,
  type ContactModalField,
} from '../../schemas/contact-modal';
import type { InheritableValues } from '../../services/contacts/inheritance';
import type { ContactSetup } from '../../services/setup/setup.types';
import type { RegisterPick } from '../../schemas/view-metadata';
import { codeOptions, selectedOptions } from './code-options';
import {
  checkboxesElement,
  emailElement,
  radioElement,
  inputBlock,
  multiSelectElement,
  selectElement,
  textElement,
  usersElement,
} from './contact-modal.inputs';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate, truncateMrkdwn } from './text';

export interface ContactModalArgs {
  tr: Translator;
  mode: 'create' | 'edit';
  type: ContactType;
  values: Partial<ContactInput>;
  /** The person's company as the company picker shows it (id + option label). */
  companyOption?: { id: string; label: string };
  /** The person works for no company; defaults to "companyId is null". */
  independent?: boolean;
  setup: ContactSetup;
  privateMetadata: string;
  /** Pre-selected as salesperson on create when values.salespersonId is empty (and no company supplies one). */
  userId: string;
  /** A new contact's modal with every field; otherwise only the quick ones and a "More details" button. */
  moreDetails?: boolean;
  /**
   * What a new person will take from the chosen company (the switched-on fields the company has values for):
   * shown as text with a "Change" button instead of as inputs. Undefined once the user chose to change them.
   */
  inherited?: { companyName: string; values: InheritableValues };
  /**
   * "Find in Enhetsregisteret" on a New company modal: present when the register is on; what was picked (and what
   * the modal should say about it) when something was.
   */
  register?: RegisterPick;
}

interface TextField {
  /** The contact-input schema's limit: the input cannot take more than the schema accepts. */
  max: number;
  placeholder?: MessageKey;
  hint?: MessageKey;
}

// Placeholders say what goes in a field, never something that looks like a value: an example address in an empty
// field reads as data the contact already has (or will inherit).
const textFields = {
  no: { max: 20, hint: 'contact.hint.no' },
  name: { max: 100 },
  name2: { max: 100 },
  searchName: { max: 100, hint: 'contact.hint.searchName' },
  firstName: { max: 30 },
  middleName: { max: 30 },
  surname: { max: 30 },
  address: { max: 100, placeholder: 'contact.placeholder.address' },
  address2: { max: 50 },
  postCode: { max: 20 },
  city: { max: 30 },
  county: { max: 30 },
  country: { max: 10, hint: 'contact.hint.country' },
  phone: { max: 30 },
  mobile: { max: 30 },
  // A plain input, not url_text_input: Slack's URL input insists on a scheme and people type "nordlys.no".
  homePage: { max: 200, hint: 'contact.hint.homePage' },
  language: { max: 10, hint: 'contact.hint.language' },
  vatRegNo: { max: 20 },
  jobTitle: { max: 30 },
  salutation: { max: 10 },
} as const satisfies Partial<Record<ContactModalField, TextField>>;

type LabelledField = Exclude<ContactModalField, 'type'>;
const label = (tr: Translator, field: LabelledField): string => tr.t(`contact.field.${field}`);

function isTextField(field: ContactModalField): field is keyof typeof textFields {
  return Object.hasOwn(textFields, field);
}

function isCodeField(field: ContactModalField): field is keyof typeof codeListOf {
  return Object.hasOwn(codeListOf, field);
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function typeBlock(tr: Translator, type: ContactType): InputBlock {
  const option = (value: ContactType): PlainTextOption => ({
    text: plain(tr.t(`contact.type.${value}`), SLACK.optionText),
    value,
  });
  const options = [option('company'), option('person')];
  // Required, unlike the other fields: a radio always has a value, and "(optional)" next to it would only confuse.
  return inputBlock(
    'type',
    {
      type: 'radio_buttons',
      action_id: ids.actions.contactTypeChanged,
      options,
      initial_option: type === 'company' ? options[0] : options[1],
    },
    { label: tr.t('contact.type.label'), hint: tr.t('contact.hint.type'), required: true, dispatch: true },
  );
}

/** The inherited fields shown as text (so not as inputs): those the company supplies and the user left blank. */
function inheritedShown(args: ContactModalArgs): Set<InheritedField> {
  if (!args.inherited || args.independent) return new Set();
  const { values } = args.inherited;
  return new Set(
    (Object.keys(values) as InheritedField[]).filter((field) => !isBlank(values[field]) && isBlank(args.values[field])),
  );
}

function isShown(field: ContactModalField, args: ContactModalArgs, asText: Set<InheritedField>): boolean {
  if (args.mode === 'create' && !args.moreDetails && !quickContactFields.has(field)) return false;
  if ((asText as Set<string>).has(field)) return false;
  switch (field) {
    case 'no':
      return args.mode === 'create' && args.setup.numbering.allowManual;
    case 'companyId':
      return !args.independent;
    case 'firstName':
    case 'middleName':
    case 'surname':
    case 'privacyBlocked':
      return args.mode === 'edit';
    default:
      return !isCodeField(field) || codeOptions(args.setup.codes[codeListOf[field]]).length > 0;
  }
}

function textBlock(field: keyof typeof textFields, args: ContactModalArgs): InputBlock {
  const { tr } = args;
  const config: TextField = textFields[field];
  if (field === 'name') {
    const person = args.type === 'person';
    const placeholder = tr.t(person ? 'contact.placeholder.personName' : 'contact.placeholder.companyName');
    const hint = person && args.mode === 'edit' ? tr.t('contact.hint.namePerson') : undefined;
    return inputBlock(field, textElement(args.values.name, config.max, placeholder), {
      label: label(tr, field),
      hint,
      required: true,
    });
  }
  const placeholder = config.placeholder ? tr.t(config.placeholder) : undefined;
  const hint = config.hint ? tr.t(config.hint) : undefined;
  return inputBlock(field, textElement(args.values[field], config.max, placeholder), {
    label: label(tr, field),
    hint,
  });
}

function codeBlock(field: keyof typeof codeListOf, args: ContactModalArgs): InputBlock {
  const { tr } = args;
  const options = codeOptions(args.setup.codes[codeListOf[field]]);
  const selected = selectedOptions(options, args.values[field]);
  const element =
    field === 'territory' || field === 'organizationalLevel'
      ? selectElement(options, selected, tr.t('contact.placeholder.choose'))
      : multiSelectElement(options, selected, tr.t('contact.placeholder.chooseMany'));
  return inputBlock(field, element, { label: label(tr, field) });
}

/**
 * Who is pre-selected as salesperson: the one already chosen; on create the creator — except for a person at a
 * company when the setup lets persons take the company's salesperson (the company's then applies).
 */
function initialSalesperson(args: ContactModalArgs): string | undefined {
  if (args.values.salespersonId) return args.values.salespersonId;
  if (args.mode !== 'create') return undefined;
  if (fromCompany(args)) return undefined;
  return args.userId;
}

/** A new person at a company that will hand it its salesperson (no company picked yet, or one that has one). */
function fromCompany(args: ContactModalArgs): boolean {
  if (args.type !== 'person' || args.independent || !args.setup.inheritance.salesperson) return false;
  return args.inherited ? !isBlank(args.inherited.values.salespersonId) : !args.companyOption;
}

function fieldBlock(field: ContactModalField, args: ContactModalArgs): InputBlock {
  const { values, tr } = args;
  if (isTextField(field)) return textBlock(field, args);
  if (isCodeField(field)) return codeBlock(field, args);
  switch (field) {
    case 'type':
      return typeBlock(tr, args.type);
    case 'email':
      return inputBlock(field, emailElement(values.email), { label: label(tr, field) });
    case 'salespersonId': {
      const hint =
        args.mode === 'create' && fromCompany(args)
          ? tr.t('contact.hint.salespersonFromCompany')
          : tr.t('contact.hint.salesperson');
      return inputBlock(field, usersElement(initialSalesperson(args), tr.t('contact.placeholder.salesperson')), {
        label: label(tr, field),
        hint,
      });
    }
    case 'companyId': {
      const initial = args.companyOption
        ? { initial_option: { text: plain(args.companyOption.label, SLACK.optionText), value: args.companyOption.id } }
        : {};
      const element = {
        type: 'external_select' as const,
        action_id: ids.actions.companyPicker,
        min_query_length: 1,
        placeholder: plain(tr.t('contact.placeholder.company'), SLACK.placeholder),
        ...initial,
      };
      // Picking a company redraws the modal with what the person takes from it.
      // Shown only for "At a company", where a company is needed (the server checks it too).
      return inputBlock(field, element, {
        label: label(tr, field),
        hint: tr.t('contact.hint.company'),
        required: true,
        dispatch: true,
      });
    }
    case 'independent': {
      const independent = args.independent ?? values.companyId === null;
      const element = radioElement(
        ids.actions.contactEmploymentChanged,
        [
          { value: employmentValue.company, text: tr.t('contact.employment.company') },
          { value: employmentValue.independent, text: tr.t('contact.employment.independent') },
        ],
        independent ? employmentValue.independent : employmentValue.company,
      );
      return inputBlock(field, element, { label: label(tr, field), required: true, dispatch: true });
    }
    case 'privacyBlocked': {
      // Persons: Minor and Parental consent received beside it (services/contacts/minor.ts has the rules).
      const options: [string, string, boolean][] = [
        [tr.t('contact.option.privacyBlocked'), checkboxValue.privacyBlocked, values.privacyBlocked === true],
      ];
      if (args.type === 'person')
        options.push(
          [tr.t('contact.option.minor'), checkboxValue.minor, values.minor === true],
          [
            tr.t('contact.option.parentalConsent'),
            checkboxValue.parentalConsentReceived,
            values.parentalConsentReceived === true,
          ],
        );
      return inputBlock(field, checkboxesElement(options), {
        label: label(tr, field),
        hint: args.type === 'person' ? tr.t('contact.hint.minor') : undefined,
      });
    }
  }
}

/** The order inherited values are told in: one line per group, the address on one line as it is written. */
const ADDRESS_PARTS: readonly InheritedField[] = ['address', 'address2', 'postCode', 'city', 'county'];
const OTHER_INHERITED: readonly InheritedField[] = [
  'phone',
  'mobile',
  'email',
  'homePage',
  'salespersonId',
  'territory',
  'country',
  'language',
];

/** `Address: Strandkaien 2, 5013 Bergen — from Nordlys Maskin AS`, one line per inherited value. */
function inheritedBlocks(args: ContactModalArgs, asText: Set<InheritedField>): KnownBlock[] {
  const { tr, inherited } = args;
  if (!inherited || asText.size === 0) return [];
  const company = escapeMrkdwn(truncate(inherited.companyName, 100));
  const value = (field: InheritedField) => escapeMrkdwn(truncate(inherited.values[field] ?? '', 100));
  const line = (fieldLabel: string, text: string) =>
    `• ${tr.t('contact.inherited.line', { label: fieldLabel, value: text, company })}`;
  const lines: string[] = [];
  const address = ADDRESS_PARTS.filter((field) => asText.has(field));
  if (address.length > 0) {
    const postCodeCity = ['postCode', 'city']
      .filter((f) => asText.has(f as InheritedField))
      .map((f) => value(f as InheritedField));
    const parts = [
      ...(['address', 'address2'] as const).filter((f) => asText.has(f)).map(value),
      ...(postCodeCity.length > 0 ? [postCodeCity.join(' ')] : []),
      ...(asText.has('county') ? [value('county')] : []),
    ];
    lines.push(line(label(tr, 'address'), parts.join(', ')));
  }
  for (const field of OTHER_INHERITED) {
    if (!asText.has(field)) continue;
    if (field === 'salespersonId') {
      const id = inherited.values.salespersonId ?? '';
      lines.push(line(label(tr, field), /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : value(field)));
    } else if (field === 'territory') {
      const entry = args.setup.codes.territories.find((code) => code.code === inherited.values.territory);
      const described = entry && entry.description.trim() !== '' ? `${entry.code} — ${entry.description}` : undefined;
      lines.push(line(label(tr, field), described ? escapeMrkdwn(truncate(described, 100)) : value(field)));
    } else {
      lines.push(line(label(tr, field), value(field)));
    }
  }
  return [
    { type: 'context', elements: [mrkdwn(tr.t('contact.inherited.intro'))] },
    {
      type: 'section',
      block_id: ids.contactField.inheritedBlock,
      text: mrkdwn(truncateMrkdwn(lines.join('\n'), SLACK.sectionText)),
      accessory: {
        type: 'button',
        text: plain(tr.t('contact.inherited.change'), SLACK.buttonText),
        action_id: ids.actions.contactChangeInherited,
        value: 'change',
      },
    },
  ];
}

function moreDetailsBlocks(tr: Translator): KnownBlock[] {
  return [
    {
      type: 'actions',
      block_id: ids.contactField.moreDetailsBlock,
      elements: [
        {
          type: 'button',
          text: plain(tr.t('contact.modal.moreDetails'), SLACK.buttonText),
          action_id: ids.actions.contactMoreDetails,
          value: 'more',
        },
      ],
    },
    { type: 'context', elements: [mrkdwn(tr.t('contact.modal.moreDetailsHint'))] },
  ];
}

/** `923 609 016`: an org.nr. as people read it. */
export const spacedOrgNo = (orgNo: string) => orgNo.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');

/**
 * "Find in Enhetsregisteret" at the top of a New company modal: a typeahead by name or org.nr. (picking one fills
 * the fields), and under it what the pick did — filled in from org.nr. …, the NACE code setup has no industry group
 * for, or that the register did not answer (the fields are then typed by hand as always).
 */
function registerBlocks(args: ContactModalArgs): KnownBlock[] {
  const { tr, register } = args;
  if (!register || args.mode !== 'create' || args.type !== 'company') return [];
  const initial =
    register.o && register.l
      ? { initial_option: { text: plain(register.l, SLACK.optionText), value: register.o } }
      : {};
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: ids.contactField.registerBlock,
      label: plain(tr.t('register.picker.label'), 200),
      hint: plain(tr.t('register.picker.hint'), 500),
      optional: true,
      dispatch_action: true,
      element: {
        type: 'external_select',
        action_id: ids.actions.registerPicker,
        min_query_length: 3,
        placeholder: plain(tr.t('register.picker.placeholder'), SLACK.placeholder),
        ...initial,
      },
    },
  ];
  const notes: string[] = [];
  if (register.f) notes.push(`:warning: ${tr.t('register.picker.failed')}`);
  else if (register.o) notes.push(tr.t('register.picker.filled', { orgNo: spacedOrgNo(register.o) }));
  if (register.n && !register.f) {
    const description = register.n.d ? ` ${escapeMrkdwn(truncate(register.n.d, 120))}` : '';
    notes.push(tr.t('register.picker.naceUnknown', { code: escapeMrkdwn(register.n.c), description }));
  }
  if (notes.length > 0)
    blocks.push({ type: 'context', elements: [mrkdwn(truncateMrkdwn(notes.join('\n'), SLACK.sectionText))] });
  return blocks;
}

/**
 * The create / edit contact modal. A new contact starts with the fields a salesperson fills on a phone and a
 * "More details" button; a new person at a company shows what it takes from the company as text, with "Change".
 * The type and employment radios, the company picker and those buttons send block_actions, and the listener
 * redraws the modal with this builder and views.update, keeping what was typed.
 */
export function contactModal(args: ContactModalArgs): ModalView {
  const { tr } = args;
  if (args.privateMetadata.length > SLACK.privateMetadata) {
    // Cutting it would corrupt what the submit handler needs; this is a bug in the caller, not user input.
    throw new RangeError(
      `private_metadata is ${args.privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`,
    );
  }
  const asText = args.mode === 'create' && args.type === 'person' ? inheritedShown(args) : new Set<InheritedField>();
  const fields = contactModalFields[args.type].filter((field) => isShown(field, args, asText));
  const blocks: KnownBlock[] = [typeBlock(tr, args.type), ...registerBlocks(args)];
  for (const field of fields) {
    blocks.push(fieldBlock(field, args));
    // What the person takes from the company goes right under the company it comes from.
    if (field === 'companyId') blocks.push(...inheritedBlocks(args, asText));
  }
  if (args.mode === 'create' && !args.moreDetails) blocks.push(...moreDetailsBlocks(tr));
  return {
    type: 'modal',
    callback_id: ids.views.contactModal,
    title: plain(
      tr.t(args.mode === 'create' ? 'contact.modal.titleCreate' : 'contact.modal.titleEdit'),
      SLACK.modalTitle,
    ),
    submit: plain(tr.t('contact.modal.submit'), SLACK.modalTitle),
    close: plain(tr.t('contact.modal.cancel'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks,
  };
}
