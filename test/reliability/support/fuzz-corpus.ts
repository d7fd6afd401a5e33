/**
 * Realistic payloads of every kind Kontakt handles (commands, shortcuts, block actions, view submissions,
 * options, events), built from the views the app itself sent for a seeded workspace, and the mutations the fuzz
 * applies to them. Everything is driven by a seeded PRNG, so a failing case is reproduced by its seed and index.
 */
import { Types } from 'mongoose';
import { ids } from '../../../src/ids';
import { setupSections } from '../../../src/services/setup/setup.types';
import {
  appHomeOpened,
  appUninstalled,
  blockActions,
  blockSuggestion,
  buttonAction,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  tokensRevoked,
  urlVerification,
  viewOutput,
  viewSubmission,
} from '../../harness/payloads';
import { viewOf, type SentView } from '../../support/contact-flows';
import { fillView, type Typed } from '../../support/modal-state';
import type { ReliableApp } from './reliable-app';
import type { SeededWorkspace } from './seed';

// ---- randomness ---------------------------------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32: small, fast, good enough to spread cases; the same seed gives the same run. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

const JUNK_TEXT = [
  '',
  '   ',
  'Nordlys',
  'CT000001',
  "Robert'); DROP TABLE contacts;--",
  '{"$gt":""}',
  '$where: sleep(1000)',
  '.*',
  '(a+)+$',
  '<!channel> <@U0ADMIN> <#C0001>',
  '*bold* _it_ ~s~ `code` ```block```',
  'ÆØÅ æøå Ünïcödé',
  '🎉🚀👩‍👩‍👧‍👦🏳️‍🌈',
  '\u202eevil\u202c',
  'zero\u200bwidth\u200d',
  '\u0000nul\u0000',
  '\ud800lone surrogate',
  'e\u0301\u0301\u0301\u0301 combining',
  '𝕏𝔸𝕄𝔼',
  'מה קורה',
  '日本語のテキスト',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'NaN',
  '2026-02-30',
  'type:company city:Bergen owner:<@U0SALES> industry:MANU',
  'visits team 2026-01-01..2026-12-31',
  'visits <@U0OTHER> last week',
  'x'.repeat(300),
];

function junkText(r: Rng): string {
  const roll = r();
  if (roll < 0.05) return 'A'.repeat(50_000 + Math.floor(r() * 50_000));
  if (roll < 0.08) return '🎉'.repeat(5_000);
  if (roll < 0.12)
    return Array.from({ length: 1 + Math.floor(r() * 40) }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join(
      '',
    );
  return pick(r, JUNK_TEXT);
}

// ---- the views the app sends, captured once ---------------------------------------------------------------

export interface Templates {
  contactCompany: SentView;
  contactPerson: SentView;
  contactEdit: SentView;
  logVisitCreate: SentView;
  logVisitEdit: SentView;
  setupHome: SentView;
  setupSections: Record<string, SentView>;
  duplicates?: SentView;
  card: SentView;
  history: SentView;
  homeSearch: SentView;
}

/** Drives the app through its real flows in workspace `a` and keeps the views it asked Slack to show. */
export async function captureTemplates(
  app: ReliableApp,
  a: SeededWorkspace,
  users: { admin: string; sales: string },
): Promise<Templates> {
  const opened = async (send: (trigger: string) => Promise<unknown>, method = 'views.open'): Promise<SentView> => {
    const trigger = `123.456.${Math.random().toString(16).slice(2)}`;
    await send(trigger);
    const call = await app.fake.waitForCall(method, (c) => c.args.trigger_id === trigger);
    return { ...viewOf(call), id: `VT${Math.random().toString(36).slice(2, 10).toUpperCase()}` };
  };
  const command = (text: string, userId: string) => (trigger: string) =>
    app.slack.command(
      slashCommand({ text, userId, teamId: a.teamId, triggerId: trigger, responseUrl: app.fake.responseUrl() }),
    );
  const click = (actionId: string, value: string, userId: string, view?: SentView) => (trigger: string) =>
    app.slack.interactive(
      blockActions({
        teamId: a.teamId,
        userId,
        triggerId: trigger,
        actions: [buttonAction({ actionId, value })],
        responseUrl: app.fake.responseUrl(),
        view: view
          ? viewOutput({
              viewId: view.id,
              callbackId: view.callback_id,
              privateMetadata: view.private_metadata,
              blocks: view.blocks,
              teamId: a.teamId,
            })
          : undefined,
      }),
    );

  const setupHome = await opened(command('setup', users.admin));
  const sections: Record<string, SentView> = {};
  for (const section of setupSections)
    sections[section] = await opened(
      click(ids.actions.setupOpenSection, section, users.admin, setupHome),
      'views.push',
    );
  const contactCompany = await opened(command('new', users.sales));
  const templates: Templates = {
    contactCompany,
    contactPerson: await opened(command('new person', users.sales)),
    contactEdit: await opened(click(ids.actions.editContact, a.company.id, users.sales)),
    logVisitCreate: await opened((trigger) =>
      app.slack.interactive(
        globalShortcut({
          callbackId: ids.shortcuts.logVisitGlobal,
          teamId: a.teamId,
          userId: users.sales,
          triggerId: trigger,
        }),
      ),
    ),
    logVisitEdit: await opened(click(ids.actions.editVisit, a.visit.id, users.sales)),
    setupHome,
    setupSections: sections,
    card: await opened(click(ids.actions.viewContact, a.company.id, users.sales)),
    history: await opened(click(ids.actions.visitShowAll, a.company.id, users.sales)),
    homeSearch: await opened(click(ids.actions.homeSearch, '', users.sales)),
  };
  // The duplicates comparison: submitting a company named like the seeded one pushes it (a form of its own, so
  // the template's reserved contact id stays unused).
  const ack = await app.slack.interactive(
    viewSubmission({
      teamId: a.teamId,
      userId: users.sales,
      viewId: contactCompany.id,
      callbackId: contactCompany.callback_id,
      privateMetadata: freshContactMetadata(contactCompany.private_metadata),
      blocks: contactCompany.blocks,
      values: fillView(contactCompany, { [ids.contactField.blocks.name]: a.company.name }),
    }),
  );
  const pushed = (ack.json as { view?: SentView } | undefined)?.view;
  if (pushed) templates.duplicates = { ...pushed, id: 'VTDUPES' };
  return templates;
}

/** A "New contact" modal reserves a contact id when it opens; each form opened anew gets its own. */
export function freshContactMetadata(privateMetadata: string | undefined): string | undefined {
  try {
    const metadata = JSON.parse(privateMetadata ?? '') as { mode?: string };
    if (metadata.mode !== 'create') return privateMetadata;
    return JSON.stringify({ ...metadata, contactId: new Types.ObjectId().toString() });
  } catch {
    return privateMetadata;
  }
}

// ---- base cases -------------------------------------------------------------------------------------------

export type CaseKind = 'command' | 'shortcut' | 'action' | 'submission' | 'options' | 'event';

export interface FuzzCase {
  index: number;
  kind: CaseKind;
  /** The listener the unmutated payload is meant for (command word, callback_id, action_id, event type). */
  target: string;
  payload: Record<string, unknown>;
  /** What the mutations did, for the report and the reproduction. */
  mutations: string[];
  /** Paths touched by mutations (dot-joined), to tell identity/routing damage from content damage. */
  touched: string[];
  /** The command, callback_id, action_id or event type was replaced by one the app does not know. */
  unknownId?: boolean;
  /** The workspace the payload claims; the other one is the victim whose data must stay unseen. */
  teamId: string;
  userId: string;
  responseKey?: string;
  triggerId?: string;
  viewId?: string;
}

export interface Lane {
  a: SeededWorkspace;
  b: SeededWorkspace;
  users: { admin: string; sales: string; other: string };
  templates: Templates;
}

const COMMAND_TEXTS = [
  '',
  'help',
  '?',
  'new',
  'new person',
  'new spaceship',
  'search',
  'search nordlys',
  'find kari',
  'log',
  'log kari',
  'visits',
  'visits team',
  'visits last week',
  'visits this week',
  'setup',
  'report team 2026-01-01..2026-01-31',
];

const BUTTON_ACTIONS = [
  ids.actions.viewContact,
  ids.actions.editContact,
  ids.actions.addPerson,
  ids.actions.shareContact,
  ids.actions.deleteContact,
  ids.actions.logVisit,
  ids.actions.visitShowAll,
  ids.actions.editVisit,
  ids.actions.cancelVisit,
  ids.actions.searchPage,
  ids.actions.visitPage,
  ids.actions.openExisting,
  ids.actions.notDuplicate,
  ids.actions.setupOpenSection,
  ids.actions.setupOpenAudit,
  ids.actions.setupAddDuplicateRow,
  ids.actions.setupRemoveDuplicateRow,
  ids.actions.homeNewContact,
  ids.actions.homeLogVisit,
  ids.actions.homeSearch,
  ids.actions.homeSetup,
] as const;

function someTyped(r: Rng, view: SentView, lane: Lane, ws: SeededWorkspace): Record<string, Typed> {
  const typed: Record<string, Typed> = {};
  for (const block of view.blocks as {
    type: string;
    block_id?: string;
    element?: { type: string; options?: { value: string }[] };
  }[]) {
    if (block.type !== 'input' || !block.block_id || !block.element || r() < 0.5) continue;
    const options = block.element.options?.map((o) => o.value) ?? [];
    const ids24 = [ws.company.id, ws.person.id, ws.independent.id, lane.b.company.id, 'nope'];
    switch (block.element.type) {
      case 'static_select':
      case 'radio_buttons':
        typed[block.block_id] = r() < 0.85 && options.length > 0 ? pick(r, options) : junkText(r);
        break;
      case 'checkboxes':
      case 'multi_static_select':
        typed[block.block_id] = options.filter(() => r() < 0.5);
        break;
      case 'external_select':
        typed[block.block_id] = pick(r, ids24);
        break;
      case 'datepicker':
        typed[block.block_id] = pick(r, ['2026-01-15', '2025-12-31', '2099-01-01', 'not-a-date', '2026-02-30']);
        break;
      case 'users_select':
        typed[block.block_id] = pick(r, [lane.users.sales, lane.users.admin, 'UJUNK', '']);
        break;
      case 'multi_users_select':
        typed[block.block_id] = [lane.users.sales, lane.users.admin, 'UJUNK'].filter(() => r() < 0.5);
        break;
      case 'number_input':
        typed[block.block_id] = pick(r, ['5', '-1', '0', '1e309', 'abc', '30.5']);
        break;
      case 'timepicker':
        typed[block.block_id] = pick(r, ['09:30', '25:99', '']);
        break;
      default:
        typed[block.block_id] =
          r() < 0.5
            ? pick(r, [
                'Nordlys Maskin AS',
                'Kari Nordmann',
                'post@nordlys.no',
                '+47 55 12 34 56',
                '5013',
                'MANU Manufacturing\nRETAIL Retail',
                '12',
              ])
            : junkText(r);
    }
  }
  return typed;
}

function submission(
  r: Rng,
  lane: Lane,
  ws: SeededWorkspace,
  userId: string,
): { target: string; payload: Record<string, unknown>; viewId: string } {
  const t = lane.templates;
  const choices: SentView[] = [
    t.contactCompany,
    t.contactPerson,
    t.contactEdit,
    t.logVisitCreate,
    t.logVisitCreate,
    t.logVisitEdit,
    ...Object.values(t.setupSections),
    ...(t.duplicates ? [t.duplicates] : []),
  ];
  const view = pick(r, choices);
  const viewId = `VF${Math.floor(r() * 1e9)
    .toString(36)
    .toUpperCase()}`;
  let values;
  try {
    values = fillView(view, someTyped(r, view, lane, ws));
  } catch {
    values = fillView(view, {});
  }
  const payload = viewSubmission({
    teamId: ws.teamId,
    userId,
    viewId,
    callbackId: view.callback_id,
    privateMetadata:
      view.callback_id === ids.views.contactModal ? freshContactMetadata(view.private_metadata) : view.private_metadata,
    blocks: view.blocks,
    values,
    rootViewId: r() < 0.5 ? viewId : 'VTROOT',
  });
  return { target: view.callback_id ?? '?', payload: payload as unknown as Record<string, unknown>, viewId };
}

function buttonValue(r: Rng, actionId: string, lane: Lane, ws: SeededWorkspace): string {
  const ids24 = [ws.company.id, ws.person.id, ws.independent.id];
  switch (actionId) {
    case ids.actions.editVisit:
    case ids.actions.cancelVisit:
      return pick(r, [ws.visit.id, ws.othersVisit.id]);
    case ids.actions.searchPage:
      return JSON.stringify({ q: pick(r, ['nordlys', '', 'kari']), p: pick(r, [0, 1, 5]) });
    case ids.actions.visitPage:
      return JSON.stringify({ c: pick(r, ids24), p: pick(r, [0, 1, 3]) });
    case ids.actions.setupOpenSection:
      return pick(r, setupSections);
    case ids.actions.homeNewContact:
    case ids.actions.homeLogVisit:
    case ids.actions.homeSearch:
    case ids.actions.homeSetup:
    case ids.actions.setupOpenAudit:
      return '';
    case ids.actions.setupAddDuplicateRow:
    case ids.actions.setupRemoveDuplicateRow:
      return '2';
    default:
      return pick(r, ids24);
  }
}

/** A fresh realistic payload of a random kind for workspace `lane.a` (sometimes `lane.b`). */
export function baseCase(r: Rng, index: number, lane: Lane, responseUrl: (key: string) => string): FuzzCase {
  const ws = r() < 0.85 ? lane.a : lane.b;
  const userId = pick(r, [lane.users.sales, lane.users.sales, lane.users.admin, lane.users.other]);
  const responseKey = `fz${index}`;
  const triggerId = `123.456.fz${index}x${Math.floor(r() * 1e9)}`;
  const roll = r();
  const common = { index, mutations: [], touched: [], teamId: ws.teamId, userId, responseKey, triggerId };
  if (roll < 0.2) {
    const text =
      r() < 0.8
        ? pick(r, [...COMMAND_TEXTS, ws.company.no, ws.person.no])
        : `${pick(r, ['search', 'log', 'visits', 'new', ''])} ${junkText(r)}`;
    const payload = slashCommand({ text, userId, teamId: ws.teamId, triggerId, responseUrl: responseUrl(responseKey) });
    return {
      ...common,
      kind: 'command',
      target: text.split(' ')[0] || '(empty)',
      payload: payload as unknown as Record<string, unknown>,
    };
  }
  if (roll < 0.3) {
    const which = pick(r, [
      ids.shortcuts.newContact,
      ids.shortcuts.logVisitGlobal,
      ids.shortcuts.logVisit,
      ids.shortcuts.logVisit,
    ]);
    const payload =
      which === ids.shortcuts.logVisit
        ? messageShortcut({
            callbackId: which,
            teamId: ws.teamId,
            userId,
            triggerId,
            responseUrl: responseUrl(responseKey),
            message: { text: r() < 0.5 ? `Met ${ws.person.no} today` : junkText(r) },
          })
        : globalShortcut({ callbackId: which, teamId: ws.teamId, userId, triggerId });
    return { ...common, kind: 'shortcut', target: which, payload: payload as unknown as Record<string, unknown> };
  }
  if (roll < 0.55) {
    const actionId = pick(r, BUTTON_ACTIONS);
    const t = lane.templates;
    const inModal: Partial<Record<string, SentView>> = {
      [ids.actions.openExisting]: t.duplicates,
      [ids.actions.notDuplicate]: t.duplicates,
      [ids.actions.setupOpenSection]: t.setupHome,
      [ids.actions.setupOpenAudit]: t.setupHome,
      [ids.actions.setupAddDuplicateRow]: t.setupSections.duplicates,
      [ids.actions.setupRemoveDuplicateRow]: t.setupSections.duplicates,
      [ids.actions.visitPage]: t.history,
    };
    // Buttons that only live in messages (search pages, Share) are never sent from a modal.
    const messageOnly = actionId === ids.actions.searchPage || actionId === ids.actions.shareContact;
    const modal =
      inModal[actionId] ??
      (actionId === ids.actions.openExisting || actionId === ids.actions.notDuplicate ? t.contactCompany : undefined) ??
      (!messageOnly && r() < 0.3 ? pick(r, [t.card, t.history]) : undefined);
    const viewId = `VA${Math.floor(r() * 1e9)
      .toString(36)
      .toUpperCase()}`;
    const payload = blockActions({
      teamId: ws.teamId,
      userId,
      triggerId,
      actions: [buttonAction({ actionId, value: buttonValue(r, actionId, lane, ws) })],
      responseUrl: responseUrl(responseKey),
      view: modal
        ? viewOutput({
            viewId,
            callbackId: modal.callback_id,
            privateMetadata: modal.private_metadata,
            blocks: modal.blocks,
            teamId: ws.teamId,
          })
        : undefined,
    });
    return {
      ...common,
      kind: 'action',
      target: actionId,
      payload: payload as unknown as Record<string, unknown>,
      viewId: modal ? viewId : undefined,
    };
  }
  if (roll < 0.82) {
    const { target, payload, viewId } = submission(r, lane, ws, userId);
    return { ...common, kind: 'submission', target, payload, viewId };
  }
  if (roll < 0.92) {
    const actionId = pick(r, [ids.actions.contactPicker, ids.actions.companyPicker, ids.actions.homeContactPicked]);
    const payload = blockSuggestion({
      teamId: ws.teamId,
      userId,
      actionId,
      value: r() < 0.5 ? pick(r, ['nor', 'kari', 'CT0', 'ola', 'mas']) : junkText(r),
    });
    return { ...common, kind: 'options', target: actionId, payload: payload as unknown as Record<string, unknown> };
  }
  const event = pick(r, [
    'app_home_opened',
    'app_home_opened',
    'app_home_opened_messages',
    'app_uninstalled',
    'tokens_revoked',
    'url_verification',
    'reaction_added',
  ]);
  const envelope =
    event === 'url_verification'
      ? urlVerification()
      : eventCallback(
          event === 'app_home_opened'
            ? appHomeOpened({ userId })
            : event === 'app_home_opened_messages'
              ? appHomeOpened({ userId, tab: 'messages' })
              : event === 'app_uninstalled'
                ? appUninstalled()
                : event === 'tokens_revoked'
                  ? tokensRevoked({ bot: ['U0BOTX'] })
                  : { type: 'reaction_added', user: userId, reaction: 'tada', event_ts: '1.2' },
          { teamId: ws.teamId },
        );
  return { ...common, kind: 'event', target: event, payload: envelope as unknown as Record<string, unknown> };
}

// ---- mutations --------------------------------------------------------------------------------------------

type Json = unknown;
type Path = (string | number)[];

function paths(value: Json, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value as Record<string, Json>)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    paths(child, path, out, depth + 1);
  }
  return out;
}

function parentOf(root: Json, path: Path): Record<string | number, Json> | undefined {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    node = node?.[key] as Record<string | number, Json>;
    if (node === null || typeof node !== 'object') return undefined;
  }
  return node;
}

function nested(depth: number): Json {
  let node: Json = { leaf: 'x' };
  for (let i = 0; i < depth; i++) node = { a: node, b: [node === null ? 1 : 2] };
  return node;
}

const WRONG_TYPES: Json[] = [
  42,
  -1,
  0,
  1.5e308,
  true,
  false,
  null,
  [],
  {},
  '',
  [1, 'two', null],
  { $gt: '' },
  { $where: 'sleep(100)' },
  '24',
];

/**
 * The fields Bolt routes on (its getTypeAndConversation and listener constraints): the payload type, the command,
 * the callback_id (shortcuts; view.callback_id for views), the action_id/block_id (actions and options), and the
 * event with its type/subtype. Damage there means no listener can take the request, so no message can be due.
 * Everything else — team, user, channel, trigger_id, response_url, view ids — reaches a listener, which must
 * still answer sensibly; it gets no exemption.
 */
const ROUTING =
  /^(type|command|callback_id|action_id|block_id|view|view\.callback_id|actions|actions\.0|actions\.0\.(action_id|block_id)|event|event\.(type|subtype))$/;

export function touchesRouting(c: FuzzCase): boolean {
  return c.touched.some((path) => ROUTING.test(path));
}

/** Applies 1–3 random mutations in place; records what was done. */
export function mutate(r: Rng, c: FuzzCase, lane: Lane): void {
  const count = 1 + Math.floor(r() * 3);
  for (let i = 0; i < count; i++) {
    const op = pick(r, [
      'delete',
      'delete',
      'wrongType',
      'wrongType',
      'huge',
      'unicode',
      'nested',
      'proto',
      'foreignIds',
      'foreignIds',
      'teamSwap',
      'unknownId',
      'metadata',
      'metadata',
      'dropState',
    ]);
    const all = paths(c.payload);
    const path = pick(r, all.length > 0 ? all : [['type']]);
    const parent = parentOf(c.payload, path);
    const key = path.at(-1) as string | number;
    const where = path.join('.');
    switch (op) {
      case 'delete':
        if (parent) {
          if (Array.isArray(parent)) (parent as unknown as Json[]).splice(Number(key), 1);
          else delete parent[key];
          c.mutations.push(`delete ${where}`);
          c.touched.push(where);
        }
        break;
      case 'wrongType':
        if (parent) {
          const value = structuredClone(pick(r, WRONG_TYPES));
          parent[key] = value;
          c.mutations.push(`${where} = ${JSON.stringify(value)}`);
          c.touched.push(where);
        }
        break;
      case 'huge':
      case 'unicode': {
        const strings = all.filter((p) => typeof parentOf(c.payload, p)?.[p.at(-1) as string] === 'string');
        const target = strings.length > 0 ? pick(r, strings) : path;
        const holder = parentOf(c.payload, target);
        if (holder) {
          const text = op === 'huge' ? 'Ω'.repeat(20_000 + Math.floor(r() * 80_000)) : junkText(r);
          holder[target.at(-1) as string] = text;
          c.mutations.push(
            `${target.join('.')} = ${op === 'huge' ? `<${text.length} chars>` : JSON.stringify(text.slice(0, 60))}`,
          );
          c.touched.push(target.join('.'));
        }
        break;
      }
      case 'nested':
        if (parent) {
          parent[key] = r() < 0.5 ? nested(60) : Array.from({ length: 2_000 }, (_, n) => ({ n }));
          c.mutations.push(`${where} = <nested junk>`);
          c.touched.push(where);
        }
        break;
      case 'proto': {
        const holder = (
          parent && typeof parent[key] === 'object' && parent[key] !== null ? parent[key] : c.payload
        ) as Record<string, Json>;
        Object.defineProperty(holder, '__proto__', {
          value: { isAdmin: true, polluted: 'yes' },
          enumerable: true,
          configurable: true,
          writable: true,
        });
        holder['constructor'] = { prototype: { polluted: 'yes' } } as never;
        c.mutations.push(`__proto__/constructor keys at ${parent ? where : '(root)'}`);
        break;
      }
      case 'foreignIds': {
        // Every id of the claimed workspace's records becomes the other workspace's record of the same kind.
        const [own, other] = c.teamId === lane.a.teamId ? [lane.a, lane.b] : [lane.b, lane.a];
        let text = JSON.stringify(c.payload);
        for (const k of ['company', 'person', 'independent', 'visit', 'othersVisit'] as const)
          text = text.split(own[k].id).join(other[k].id);
        text = text.split(`"workspaceId":"${own.teamId}"`).join(`"workspaceId":"${other.teamId}"`);
        text = text.split(`\\"workspaceId\\":\\"${own.teamId}\\"`).join(`\\"workspaceId\\":\\"${other.teamId}\\"`);
        c.payload = JSON.parse(text) as Record<string, unknown>;
        c.mutations.push(`ids of ${other.teamId} in a ${own.teamId} request`);
        break;
      }
      case 'teamSwap': {
        const other = c.teamId === lane.a.teamId ? lane.b.teamId : lane.a.teamId;
        const text = JSON.stringify(c.payload).split(`"${c.teamId}"`).join(`"${other}"`);
        c.payload = JSON.parse(text) as Record<string, unknown>;
        c.mutations.push(`team ${c.teamId} → ${other} (keeping the ids)`);
        c.teamId = other;
        break;
      }
      case 'unknownId': {
        const p = c.payload as Record<string, Record<string, unknown>[] & Record<string, unknown>>;
        const unknown = `unknown_${Math.floor(r() * 1e6)}`;
        if (c.kind === 'command') p.command = `/${unknown}` as never;
        else if (Array.isArray(p.actions) && p.actions[0]) p.actions[0].action_id = unknown;
        else if (p.view && typeof p.view === 'object' && c.kind === 'submission') p.view.callback_id = unknown;
        else if (c.kind === 'options') p.action_id = unknown as never;
        else if (p.event && typeof p.event === 'object') p.event.type = unknown;
        else p.callback_id = unknown as never;
        c.mutations.push(`unknown id ${unknown}`);
        c.unknownId = true;
        // Slack sends an app only the slash commands registered to it: an unknown one is not a request Slack makes.
        if (c.kind === 'command') c.touched.push('command');
        break;
      }
      case 'metadata': {
        const view = (c.payload as { view?: Record<string, unknown> }).view;
        if (!view || typeof view !== 'object') break;
        const junk = pick(r, [
          '',
          'not json',
          '{',
          'null',
          '[]',
          '{"mode":"edit"}',
          JSON.stringify({ mode: 'edit', contactId: lane.b.company.id, version: 0 }),
          JSON.stringify({ mode: 'edit', visitId: lane.b.visit.id }),
          JSON.stringify({ mode: 'create', contactId: lane.b.company.id }),
          JSON.stringify({ workspaceId: lane.b.teamId, version: 1, section: 'numbering' }),
          JSON.stringify({ workspaceId: c.teamId, version: 999, section: 'roles' }),
          JSON.stringify({ contactId: lane.b.company.id }),
          'x'.repeat(3_001),
          JSON.stringify({
            mode: 'create',
            contactId: '0'.repeat(24),
            permalink: 'javascript:alert(1)',
            messageTs: '1.1',
          }),
        ]);
        view.private_metadata = junk;
        c.mutations.push(`private_metadata = ${JSON.stringify(junk.slice(0, 80))}`);
        c.touched.push('view.private_metadata');
        break;
      }
      case 'dropState': {
        const view = (c.payload as { view?: Record<string, unknown> }).view;
        if (!view || typeof view !== 'object') break;
        view.state = pick(r, [
          {},
          { values: null },
          { values: { x: { y: { type: 'plain_text_input', value: 'z' } } } },
          { values: 'junk' },
        ]);
        c.mutations.push('view.state replaced');
        c.touched.push('view.state');
        break;
      }
    }
  }
}
