/** Contacts, setups and a Slack-like state builder shared by the contact view and modal-parser tests. */
import type { ModalView } from '@slack/types';
import type { RankedContact } from '../../../src/services/contacts/contact-search.service';
import type { Contact, ContactSummary } from '../../../src/services/contacts/contact.types';
import { defaultContactSetup } from '../../../src/services/setup/setup.defaults';
import type { CodeListEntry, ContactSetup } from '../../../src/services/setup/setup.types';

/** Text of exactly `length` characters full of what mrkdwn and Slack's counters trip over (&, <, >, emoji). */
export function longText(length: number, seed = 'Å&<b>ø😀 '): string {
  const chars = [...seed];
  return Array.from({ length }, (_, i) => chars[i % chars.length]).join('');
}

const baseStats = { interactionCount: 0 };
const when = new Date('2024-05-01T10:00:00Z');

export function company(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '65f0c0ffee0000000000000a',
    workspaceId: 'T0TEST',
    no: 'CT000042',
    type: 'company',
    name: 'Nordlys Maskin AS',
    searchName: 'Nordlys Maskin AS',
    searchNameEdited: false,
    companyId: null,
    address: 'Strandkaien 12',
    postCode: '5013',
    city: 'Bergen',
    country: 'NO',
    phone: '+47 55 12 34 56',
    phoneE164: '+4755123456',
    email: 'post@nordlys.no',
    homePage: 'nordlys.no',
    salespersonId: 'U0SALES1',
    territory: 'WEST',
    vatRegNo: 'NO 987 654 321 MVA',
    industryGroups: ['MANU', 'MARINE'],
    businessRelations: ['CUST'],
    jobResponsibilities: [],
    privacyBlocked: false,
    stats: baseStats,
    createdBy: 'U0SALES1',
    updatedBy: 'U0SALES1',
    createdAt: when,
    updatedAt: when,
    version: 1,
    ...overrides,
  };
}

export function person(overrides: Partial<Contact> = {}): Contact {
  return company({
    id: '65f0c0ffee0000000000000b',
    no: 'CT000043',
    type: 'person',
    name: 'Kari Nordmann',
    searchName: 'Kari Nordmann',
    firstName: 'Kari',
    surname: 'Nordmann',
    companyId: '65f0c0ffee0000000000000a',
    companyName: 'Nordlys Maskin AS',
    vatRegNo: undefined,
    industryGroups: [],
    businessRelations: [],
    jobTitle: 'Purchasing manager',
    organizationalLevel: 'MANAGER',
    jobResponsibilities: ['PURCHASE'],
    ...overrides,
  });
}

export function summary(overrides: Partial<ContactSummary> = {}): ContactSummary {
  return {
    id: '65f0c0ffee0000000000000c',
    no: 'CT000044',
    type: 'person',
    name: 'Ola Nordmann',
    companyName: 'Nordlys Maskin AS',
    city: 'Bergen',
    ...overrides,
  };
}

export function ranked(overrides: Partial<RankedContact> = {}): RankedContact {
  return { ...summary(overrides), tier: overrides.tier ?? 3 };
}

/** A person summary with every text at its longest, numbered so ids stay distinct. */
export function worstSummary(i: number): ContactSummary {
  return {
    id: `65f0c0ffee${String(i).padStart(14, '0')}`,
    no: `CT${String(i).padStart(18, '9')}`,
    type: 'person',
    name: longText(100),
    companyName: longText(100, 'Ø&>'),
    address: longText(100),
    postCode: longText(20),
    city: longText(30),
    phone: longText(30, '+47 5'),
    vatRegNo: longText(20),
    email: `${'k'.repeat(70)}@nordlys.no`,
  };
}

function codes(prefix: string, count: number): CodeListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${prefix}${String(i).padStart(10 - prefix.length, '0')}`,
    description: longText(200),
  }));
}

/** More codes than a select can hold, each with a description far over an option's 75 characters. */
export function worstSetup(): ContactSetup {
  return {
    ...defaultContactSetup,
    numbering: { ...defaultContactSetup.numbering, allowManual: true },
    codes: {
      businessRelations: codes('B', 130),
      industryGroups: codes('I', 130),
      territories: codes('T', 130),
      jobResponsibilities: codes('J', 130),
      organizationalLevels: codes('O', 130),
    },
  };
}

type Json = Record<string, unknown>;

/** What Slack sends back as `view.state.values` when the user submits the modal without touching it. */
export { stateFromInitialValues } from '../../support/modal-state';

export function inputBlocks(view: ModalView): Json[] {
  return (view.blocks as unknown as Json[]).filter((block) => block.type === 'input');
}

export function blockById(view: ModalView, blockId: string): Json | undefined {
  return (view.blocks as unknown as Json[]).find((block) => block.block_id === blockId);
}

export function elementOf(view: ModalView, blockId: string): Json {
  const block = blockById(view, blockId);
  if (!block) throw new Error(`No block ${blockId}`);
  return block.element as Json;
}

/** All mrkdwn/plain text in a list of blocks, joined: what a reader could see. */
export function visibleText(blocks: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Json;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string')
        texts.push(object.text);
      Object.entries(object).forEach(([key, value]) => {
        if (key !== 'confirm') walk(value);
      });
    }
  };
  walk(blocks);
  return texts.join('\n');
}

/** Every button in the blocks (actions elements and section accessories). */
export function buttons(blocks: unknown): Json[] {
  const found: Json[] = [];
  for (const block of blocks as Json[]) {
    if (block.type === 'actions') found.push(...(block.elements as Json[]).filter((e) => e.type === 'button'));
    const accessory = block.accessory as Json | undefined;
    if (accessory?.type === 'button') found.push(accessory);
  }
  return found;
}
