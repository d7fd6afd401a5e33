/** Setups and a Slack-like state builder shared by the setup view and setup-section parser tests. */
import type { ModalView } from '@slack/types';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import type { CodeListEntry, InteractionType, WorkspaceSetup } from '../../../src/services/setup/setup.types';

type Json = Record<string, unknown>;

/** Text of exactly `length` characters (code points) full of what mrkdwn and Slack's counters trip over. */
export function trickyText(length: number, seed = 'Å&<b>ø😀 |'): string {
  const chars = [...seed];
  const text = Array.from({ length }, (_, i) => chars[i % chars.length]).join('');
  // Descriptions are stored trimmed and with single spaces: keep both ends non-blank so the text reads back the same.
  return `X${[...text].slice(1, -1).join('')}Y`;
}

function codes(prefix: string, count: number): CodeListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${prefix}${String(i).padStart(10 - prefix.length, '0')}`,
    description: trickyText(50),
  }));
}

function interactionTypes(count: number): InteractionType[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `T${String(i).padStart(9, '0')}`,
    description: trickyText(50, 'Møte & <kunde> '),
    durationMin: 1440,
    cost: 999_999_999.99,
    flow: i % 2 === 0 ? 'inbound' : 'outbound',
    initiatedBy: i % 3 === 0 ? 'us' : 'them',
  }));
}

const users = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `U${prefix}${String(i).padStart(8, '0')}`);

/** Every list at its longest and every text at its widest, all still within the setup rules (so it reads back). */
export function worstWorkspaceSetup(): WorkspaceSetup {
  return {
    ...structuredClone(defaultWorkspaceSetup),
    numbering: { prefix: 'KONTAKTNO-', digits: 10, allowManual: true },
    defaults: {
      country: 'NO&<>12345',
      language: 'NB-NO&<>ØÅ',
      salespersonId: 'U0SALES00001',
      territory: 'T000000099',
      phoneRegion: 'AX',
    },
    duplicates: {
      autosearch: false,
      hitPercent: 100,
      rows: Array.from({ length: 10 }, (_, i) => ({
        field: i % 2 === 0 ? 'vatRegNo' : 'address2',
        part: i % 2 === 0 ? 'last' : 'first',
        length: 2 + (i % 9),
      })),
    },
    codes: {
      businessRelations: codes('B', 100),
      industryGroups: codes('I', 100),
      territories: codes('T', 100),
      jobResponsibilities: codes('J', 100),
      organizationalLevels: codes('O', 100),
    },
    interactionTypes: interactionTypes(100),
    roles: { admins: users('A', 100), managers: users('M', 100) },
    digest: { enabled: false, weekday: 7, time: '23:59', timeZone: 'America/Argentina/ComodRivadavia' },
    language: 'nb',
    version: 41,
    updatedBy: 'U0ADMIN0001',
    updatedAt: new Date('2024-05-01T10:00:00Z'),
  };
}

/** What Slack sends back as `view.state.values` when the user submits the modal without touching it. */
export { stateFromInitialValues } from '../../support/modal-state';

/** Changes one block's element state as if the user had typed or picked something else. */
export function withState(
  values: Record<string, Record<string, Json>>,
  blockId: string,
  change: Json,
): Record<string, Record<string, Json>> {
  const block = values[blockId];
  if (!block) throw new Error(`No block ${blockId} in the state`);
  const [actionId, state] = Object.entries(block)[0] ?? [];
  if (actionId === undefined) throw new Error(`Block ${blockId} has no element`);
  return { ...values, [blockId]: { [actionId]: { ...state, ...change } } };
}

export function blockIds(view: ModalView): (string | undefined)[] {
  return view.blocks.map((block) => block.block_id);
}

export function blockById(view: ModalView, blockId: string): Json {
  const block = (view.blocks as unknown as Json[]).find((b) => b.block_id === blockId);
  if (!block) throw new Error(`No block ${blockId}`);
  return block;
}

export function elementOf(view: ModalView, blockId: string): Json {
  return blockById(view, blockId).element as Json;
}
