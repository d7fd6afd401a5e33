import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { t, type MessageKey } from '../../i18n';
import { ids } from '../../ids';
import type { ContactInput, ContactType } from '../../schemas/contact-input';
import { checkboxValue, codeListOf, contactModalFields, type ContactModalField } from '../../schemas/contact-modal';
import type { ContactSetup } from '../../services/setup/setup.types';
import { codeOptions, selectedOptions } from './code-options';
import {
  checkboxElement,
  emailElement,
  inputBlock,
  multiSelectElement,
  selectElement,
  textElement,
  usersElement,
} from './contact-modal.inputs';
import { plain, SLACK } from './text';

export interface ContactModalArgs {
  mode: 'create' | 'edit';
  type: ContactType;
  values: Partial<ContactInput>;
  /** The person's company as the company picker shows it (id + option label). */
  companyOption?: { id: string; label: string };
  /** The person works for no company; defaults to "companyId is null". */
  independent?: boolean;
  setup: ContactSetup;
  privateMetadata: string;
  /** Pre-selected as salesperson on create when values.salespersonId is empty. */
  userId: string;
}

interface TextField {
  /** The contact-input schema's limit: the input cannot take more than the schema accepts. */
  max: number;
  placeholder?: MessageKey;
  hint?: MessageKey;
}

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
  postCode: { max: 20, placeholder: 'contact.placeholder.postCode' },
  city: { max: 30, placeholder: 'contact.placeholder.city' },
  county: { max: 30 },
  country: { max: 10, placeholder: 'contact.placeholder.country', hint: 'contact.hint.country' },
  phone: { max: 30, placeholder: 'contact.placeholder.phone' },
  mobile: { max: 30, placeholder: 'contact.placeholder.mobile' },
  // A plain input, not url_text_input: Slack's URL input insists on a scheme and people type "nordlys.no".
  homePage: { max: 200, placeholder: 'contact.placeholder.homePage', hint: 'contact.hint.homePage' },
  language: { max: 10, hint: 'contact.hint.language' },
  vatRegNo: { max: 20, placeholder: 'contact.placeholder.vatRegNo' },
  jobTitle: { max: 30 },
  salutation: { max: 10 },
} as const satisfies Partial<Record<ContactModalField, TextField>>;

type LabelledField = Exclude<ContactModalField, 'type'>;
const label = (field: LabelledField): string => t(`contact.field.${field}`);

function isTextField(field: ContactModalField): field is keyof typeof textFields {
  return Object.hasOwn(textFields, field);
}

function isCodeField(field: ContactModalField): field is keyof typeof codeListOf {
  return Object.hasOwn(codeListOf, field);
}

function typeBlock(type: ContactType): InputBlock {
  const option = (value: ContactType): PlainTextOption => ({
    text: plain(t(`contact.type.${value}`), SLACK.optionText),
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
    { label: t('contact.type.label'), hint: t('contact.hint.type'), required: true, dispatch: true },
  );
}

function isShown(field: ContactModalField, args: ContactModalArgs): boolean {
  switch (field) {
    case 'no':
      return args.mode === 'create' && args.setup.numbering.allowManual;
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
  const config: TextField = textFields[field];
  if (field === 'name') {
    const person = args.type === 'person';
    const placeholder = t(person ? 'contact.placeholder.personName' : 'contact.placeholder.companyName');
    const hint = person && args.mode === 'edit' ? t('contact.hint.namePerson') : undefined;
    return inputBlock(field, textElement(args.values.name, config.max, placeholder), {
      label: label(field),
      hint,
      required: true,
    });
  }
  const placeholder = config.placeholder ? t(config.placeholder) : undefined;
  const hint = config.hint ? t(config.hint) : undefined;
  return inputBlock(field, textElement(args.values[field], config.max, placeholder), { label: label(field), hint });
}

function codeBlock(field: keyof typeof codeListOf, args: ContactModalArgs): InputBlock {
  const options = codeOptions(args.setup.codes[codeListOf[field]]);
  const selected = selectedOptions(options, args.values[field]);
  const element =
    field === 'territory' || field === 'organizationalLevel'
      ? selectElement(options, selected, t('contact.placeholder.choose'))
      : multiSelectElement(options, selected, t('contact.placeholder.chooseMany'));
  return inputBlock(field, element, { label: label(field) });
}

function fieldBlock(field: ContactModalField, args: ContactModalArgs): InputBlock {
  const { values } = args;
  if (isTextField(field)) return textBlock(field, args);
  if (isCodeField(field)) return codeBlock(field, args);
  switch (field) {
    case 'type':
      return typeBlock(args.type);
    case 'email':
      return inputBlock(field, emailElement(values.email, t('contact.placeholder.email')), { label: label(field) });
    case 'salespersonId': {
      const userId = values.salespersonId || (args.mode === 'create' ? args.userId : undefined);
      return inputBlock(field, usersElement(userId, t('contact.placeholder.salesperson')), {
        label: label(field),
        hint: t('contact.hint.salesperson'),
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
        placeholder: plain(t('contact.placeholder.company'), SLACK.placeholder),
        ...initial,
      };
      return inputBlock(field, element, { label: label(field), hint: t('contact.hint.company') });
    }
    case 'independent': {
      const checked = args.independent ?? values.companyId === null;
      return inputBlock(field, checkboxElement(t('contact.option.independent'), checkboxValue.independent, checked), {
        label: label(field),
      });
    }
    case 'privacyBlocked':
      return inputBlock(
        field,
        checkboxElement(
          t('contact.option.privacyBlocked'),
          checkboxValue.privacyBlocked,
          values.privacyBlocked === true,
        ),
        {
          label: label(field),
        },
      );
  }
}

/**
 * The create / edit contact modal. Switching the type radio sends block_actions (contactTypeChanged) so the
 * listener can redraw it with this builder and views.update.
 */
export function contactModal(args: ContactModalArgs): ModalView {
  if (args.privateMetadata.length > SLACK.privateMetadata) {
    // Cutting it would corrupt what the submit handler needs; this is a bug in the caller, not user input.
    throw new RangeError(
      `private_metadata is ${args.privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`,
    );
  }
  const fields = contactModalFields[args.type].filter((field) => isShown(field, args));
  return {
    type: 'modal',
    callback_id: ids.views.contactModal,
    title: plain(t(args.mode === 'create' ? 'contact.modal.titleCreate' : 'contact.modal.titleEdit'), SLACK.modalTitle),
    submit: plain(t('contact.modal.submit'), SLACK.modalTitle),
    close: plain(t('contact.modal.cancel'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [typeBlock(args.type), ...fields.map((field) => fieldBlock(field, args))],
  };
}
