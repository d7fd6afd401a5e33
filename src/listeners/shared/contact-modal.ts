import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import type { ContactInput, ContactType } from '../../schemas/contact-input';
import { readContactModalValues } from '../../schemas/contact-modal';
import {
  type RegisterPick,
  contactModalMetadataSchema,
  decodeMetadata,
  encodeMetadata,
  type CardHandle,
  type ContactModalMetadata,
} from '../../schemas/view-metadata';
import type { Contact } from '../../services/contacts/contact.types';
import { getContactSetup } from '../../services/setup/setup.service';
import type { ContactSetup } from '../../services/setup/setup.types';
import { contactModal, type ContactModalArgs } from '../../views/contact/contact-modal.view';
import { contactOptionLabel } from '../../views/contact/contact-option';
import { companyInheritance, getContact } from '../../services/contacts/contact.service';
import { newContactId } from '../../services/contacts/contact-ids';

export interface ContactModalRequest {
  workspaceId: string;
  userId: string;
  tr: Translator;
  type: ContactType;
  channelId?: string;
  /** Pre-selected company for a new person ("Add person"). */
  company?: Pick<Contact, 'id' | 'name' | 'no'>;
  /** Edit this contact instead of creating one. */
  contact?: Contact;
  /** The contact card Edit or Add person was chosen on: redrawn in place once the contact is saved. */
  card?: CardHandle;
  /** A new contact's name, filled in ("Create 'xyzzy'" under a search that found nothing). */
  name?: string;
  /** Enhetsregisteret is on: a New company modal offers "Find in Enhetsregisteret". */
  register?: boolean;
}

/**
 * The company part of a new person's modal: the picker's option and what the person takes from the company — or,
 * once the user chose to change those values, the values themselves filled into the inputs. The id is re-checked:
 * one that is not a live company of this workspace picks nothing.
 */
async function companyPart(
  workspaceId: string,
  setup: ContactSetup,
  companyId: string | undefined,
  own: boolean,
): Promise<Pick<ContactModalArgs, 'companyOption' | 'inherited'> & { ownValues?: Partial<ContactInput> }> {
  if (!companyId) return {};
  const found = await companyInheritance(workspaceId, companyId, setup);
  if (!found) return {};
  const companyOption = { id: found.company.id, label: contactOptionLabel(found.company) };
  if (own) return { companyOption, ownValues: found.values };
  return { companyOption, inherited: { companyName: found.company.name, values: found.values } };
}

/** The modal for a new contact or an edit, pre-filled; builds it but does not send it. */
async function buildContactModal(request: ContactModalRequest) {
  const setup = await getContactSetup(request.workspaceId);
  const { contact } = request;
  const metadata: ContactModalMetadata = contact
    ? {
        mode: 'edit',
        contactId: contact.id,
        version: contact.version,
        channelId: request.channelId,
        card: request.card,
      }
    : { mode: 'create', contactId: newContactId(), channelId: request.channelId, card: request.card };
  const base = {
    tr: request.tr,
    mode: metadata.mode,
    setup,
    privateMetadata: encodeMetadata(metadata),
    userId: request.userId,
  } as const;
  if (contact) {
    // The picker shows the company as the typeahead would (name and No.), so it must be looked up for an edit.
    const company = contact.companyId ? await getContact(request.workspaceId, contact.companyId) : undefined;
    return contactModal({
      ...base,
      type: contact.type,
      values: { ...contact, companyId: contact.companyId },
      companyOption: company ? { id: company.id, label: contactOptionLabel(company) } : undefined,
      independent: contact.type === 'person' && !contact.companyId,
    });
  }
  const part =
    request.type === 'person' ? await companyPart(request.workspaceId, setup, request.company?.id, false) : {};
  return contactModal({
    ...base,
    type: request.type,
    values: { type: request.type, ...(request.name ? { name: request.name } : {}) },
    companyOption: part.companyOption,
    inherited: part.inherited,
    independent: false,
    register: request.register ? {} : undefined,
  });
}

/** Opens the contact modal with a trigger (3 s, once), or pushes it over the modal the user is in. */
export async function openContactModal(
  client: WebClient,
  triggerId: string,
  request: ContactModalRequest,
  options: { push?: boolean } = {},
): Promise<void> {
  const view = await buildContactModal(request);
  if (options.push) await client.views.push({ trigger_id: triggerId, view });
  else await client.views.open({ trigger_id: triggerId, view });
}

/** What a click in the contact modal changes before it is drawn again. */
export interface ContactModalChange {
  type?: ContactType;
  /** The "At a company / Independent" radio. */
  independent?: boolean;
  /** A company just picked (its id, untrusted). */
  companyId?: string;
  /** "More details": every field. */
  more?: boolean;
  /** "Change" beside the inherited values: show them as inputs, filled in. */
  own?: boolean;
  /** A company picked in "Find in Enhetsregisteret": what it fills in (over what was typed) and what to say. */
  register?: { pick: RegisterPick; values?: Partial<ContactInput> };
}

/**
 * The contact modal drawn again after a click in it (type, employment, company, More details, Change), with
 * everything typed so far kept; undefined when the view is not a contact modal Kontakt drew.
 */
export async function redrawnContactModal(request: {
  workspaceId: string;
  userId: string;
  tr: Translator;
  state: unknown;
  privateMetadata: unknown;
  change: ContactModalChange;
  /** Enhetsregisteret is on (the New company modal keeps its "Find in Enhetsregisteret"). */
  register?: boolean;
}): Promise<ModalView | undefined> {
  const { change } = request;
  const metadata = decodeMetadata(contactModalMetadataSchema, request.privateMetadata);
  if (!metadata) return undefined;
  const current = readContactModalValues(request.state);
  const type = change.type ?? current.input.type ?? 'company';
  const independent = change.independent ?? current.independent;
  const next: ContactModalMetadata = {
    ...metadata,
    ...(change.more || change.own ? { more: true } : {}),
    ...(change.own ? { own: true } : {}),
    // A register pick shows every field it fills.
    ...(change.register ? { reg: change.register.pick, ...(change.register.values ? { more: true } : {}) } : {}),
  };
  const setup = await getContactSetup(request.workspaceId);
  const companyId = change.companyId ?? current.companyOption?.id;
  const creating = metadata.mode === 'create';
  const part =
    type === 'person' && !independent
      ? creating
        ? await companyPart(request.workspaceId, setup, companyId, next.own === true)
        : { companyOption: current.companyOption }
      : {};
  // Values typed win over the company's: "Change" fills in only what is still blank.
  const values: Partial<ContactInput> = { ...current.input, type };
  // The creator was pre-selected only because nobody else would look after the contact; a person now at a
  // company takes the company's salesperson instead.
  const nowAtCompany = change.type === 'person' || change.independent === false;
  if (creating && nowAtCompany && values.salespersonId === request.userId) delete values.salespersonId;
  for (const [field, value] of Object.entries(part.ownValues ?? {}) as [keyof ContactInput, string][]) {
    if (values[field] === undefined || values[field] === '') (values as Record<string, unknown>)[field] = value;
  }
  // What the user picked from the register replaces what was typed; industry groups are added to.
  for (const [field, value] of Object.entries(change.register?.values ?? {}) as [keyof ContactInput, unknown][]) {
    if (value === undefined) continue;
    if (field === 'industryGroups')
      values.industryGroups = [...new Set([...(values.industryGroups ?? []), ...(value as string[])])];
    else (values as Record<string, unknown>)[field] = value;
  }
  return contactModal({
    tr: request.tr,
    mode: metadata.mode,
    type,
    values,
    companyOption: part.companyOption,
    inherited: part.inherited,
    independent,
    setup,
    privateMetadata: encodeMetadata(next),
    userId: request.userId,
    moreDetails: next.more === true,
    register: request.register && creating ? (next.reg ?? {}) : undefined,
  });
}
