import type { BlockElementAction } from '@slack/bolt';
import { ids } from '../../../src/ids';
import { getWorkspaceSetup, listSetupAudit } from '../../../src/services/setup/setup.service';
import { checkView } from '../../harness/block-kit-checker';
import { blockSuggestion, buttonAction } from '../../harness/payloads';
import { viewOf, type SentView } from '../../support/contact-flows';
import type { Typed } from '../../support/modal-state';
import * as setupFlows from '../../support/setup-flows';
import { useKontakt } from '../../support/use-kontakt';

const f = ids.setupField.blocks;
const kontakt = useKontakt();
type Json = Record<string, unknown>;

const ADMIN = 'U0ADA';
const HOME_ID = setupFlows.SETUP_HOME_ID;

/** Every text a view shows, joined: what the admin reads. */
const textOf = (view: SentView): string => JSON.stringify(view.blocks);

/** The mrkdwn of each section block (checklist items, section summaries, type rows). */
function sectionTexts(view: SentView): string[] {
  return (view.blocks as Json[])
    .filter((block) => block.type === 'section')
    .map((block) => String((block.text as Json).text));
}

const openSetup = (userId = ADMIN) => setupFlows.openSetup(kontakt, userId);
/** A click inside a setup modal (`view`, stacked over the setup summary). */
const clickIn = (view: SentView, action: BlockElementAction, userId = ADMIN) =>
  setupFlows.clickInSetup(kontakt, view, action, userId);
const pushedAfter = (before: number, id: string) => setupFlows.pushedAfter(kontakt, before, id);

/** A button in the summary (checklist or Edit) → the section form Slack was asked to push. */
async function openSection(home: SentView, section: string, userId = ADMIN): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.push').length;
  await clickIn(home, buttonAction({ actionId: ids.actions.setupOpenSection, value: section }), userId);
  return pushedAfter(before, `V0${section.toUpperCase()}`);
}

const submit = (view: SentView, typed: Record<string, Typed>, userId = ADMIN) =>
  setupFlows.saveSection(kontakt, view, typed, { userId });

/** The latest redraw of a view (views.update with its id) after `before` updates. */
async function redrawOf(viewId: string, before: number): Promise<SentView> {
  const call = await kontakt.fake.waitForCall(
    'views.update',
    (c) => kontakt.fake.callsTo('views.update').indexOf(c) >= before && c.args.view_id === viewId,
  );
  return { ...viewOf(call), id: viewId };
}

const overflow = (value: string): BlockElementAction =>
  ({
    type: 'overflow',
    action_id: ids.actions.setupTypeMenu,
    block_id: 'row',
    selected_option: { text: { type: 'plain_text', text: value }, value },
    action_ts: '1.1',
  }) as unknown as BlockElementAction;

beforeEach(() => kontakt.fake.setUser(ADMIN, { is_admin: true }));

describe('setup on day one: the checklist', () => {
  it('starts with three open decisions and says the digest reaches nobody until a manager is set', async () => {
    const home = await openSetup();
    expect(checkView(home)).toEqual([]);
    const texts = sectionTexts(home);
    expect(texts.slice(0, 3)).toEqual([
      expect.stringMatching(/^⬜ \*Who are the managers\?\*/),
      expect.stringMatching(/^⬜ \*Which visit types does your team log\?\* Now: 5 types: VISIT/),
      expect.stringMatching(/^⬜ \*Weekly digest on or off\?\*/),
    ]);
    expect(textOf(home)).toContain('0 of 3 done');
    expect(texts).toContain('*Weekly digest*\nOn — but no managers are set, so nobody receives it');
    // Each open item has the button that does it.
    const buttons = (home.blocks as Json[]).slice(0, 6).flatMap((block) => {
      const accessory = block.accessory as Json | undefined;
      return accessory ? [[(accessory.text as Json).text, accessory.value]] : [];
    });
    expect(buttons).toEqual([
      ['Choose managers', 'roles'],
      ['Review types', 'interactionTypes'],
      ['Decide', 'digest'],
    ]);
    // What a new team decides first comes first; numbering and duplicates sit under Advanced.
    const order = texts.filter((text) => text.startsWith('*')).map((text) => text.slice(1, text.indexOf('*', 1)));
    expect(order).toEqual([
      'Roles',
      'Visit types',
      'Weekly digest',
      'Language',
      'Defaults',
      'Sharing to channels',
      'Importing contacts',
      'Keeping visits',
      'Enhetsregisteret',
      'Inheritance',
      'Business relations',
      'Industry groups',
      'Territories',
      'Job responsibilities',
      'Organizational levels',
      'Sales cycles',
      'Close codes',
      'Numbers and defaults',
      'Deal news',
      'Number series',
      'Duplicates',
    ]);
    const advanced = textOf(home).indexOf('"Advanced"');
    expect(advanced).toBeGreaterThan(textOf(home).indexOf('Organizational levels'));
    expect(advanced).toBeLessThan(textOf(home).indexOf('Number series'));
  });

  it('ticks each item as it is done, names who gets the digest, and goes away when all are done', async () => {
    let home = await openSetup();
    let updates = kontakt.fake.callsTo('views.update').length;
    expect(await submit(await openSection(home, 'roles'), { [f.managers]: ['U0METTE'] })).toBeUndefined();
    home = await redrawOf(HOME_ID, updates);
    expect(sectionTexts(home)[0]).toBe('✅ *Managers:* <@U0METTE>');
    expect(textOf(home)).toContain('1 of 3 done');
    expect(sectionTexts(home)).toContain(
      '*Weekly digest*\nOn · Mondays at 08:00 (the time zone of the admin who sets it)\nGoes to <@U0METTE>.',
    );

    // Keeping the default digest is a decision too: saving it ticks the item.
    updates = kontakt.fake.callsTo('views.update').length;
    expect(await submit(await openSection(home, 'digest'), {})).toBeUndefined();
    home = await redrawOf(HOME_ID, updates);
    expect(sectionTexts(home)[2]).toBe('✅ *Weekly digest:* on');
    expect(textOf(home)).toContain('2 of 3 done');

    // So is looking at the visit types and pressing Done.
    updates = kontakt.fake.callsTo('views.update').length;
    const types = await openSection(home, 'interactionTypes');
    expect((types as unknown as Json).submit).toMatchObject({ text: 'Done' });
    expect(await submit(types, {})).toBeUndefined();
    home = await redrawOf(HOME_ID, updates);
    expect(textOf(home)).not.toContain('Get started');
    expect(sectionTexts(home)[0]).toMatch(/^\*Roles\*/);
    expect((await getWorkspaceSetup('T0001')).decided.sort()).toEqual(['digest', 'interactionTypes', 'roles']);
  });

  it('says the digest goes to the Kontakt admins when only admins are listed', async () => {
    const home = await openSetup();
    const updates = kontakt.fake.callsTo('views.update').length;
    await submit(await openSection(home, 'roles'), { [f.admins]: ['U0KARI'] });
    expect(sectionTexts(await redrawOf(HOME_ID, updates))).toContain(
      '*Weekly digest*\nOn · Mondays at 08:00 (the time zone of the admin who sets it)\nNo managers are set, so it goes to the Kontakt admins: <@U0KARI>.',
    );
  });
});

describe('setup on day one: visit types as rows', () => {
  async function openTypes() {
    return openSection(await openSetup(), 'interactionTypes');
  }

  it('adds a type in a modal of its own, with every problem in one round, and the list shows what is stored', async () => {
    const list = await openTypes();
    expect(checkView(list)).toEqual([]);
    expect(sectionTexts(list)[0]).toBe('*VISIT* · Visit\n60 min · cost 0 · outbound, started by us');

    const before = kontakt.fake.callsTo('views.push').length;
    await clickIn(list, buttonAction({ actionId: ids.actions.setupTypeAdd, value: 'add' }));
    const modal = await pushedAfter(before, 'V0TYPE');
    expect(checkView(modal)).toEqual([]);
    expect(modal.callback_id).toBe(ids.views.setupType);
    expect(modal.blocks.map((block) => block.block_id)).toEqual([
      f.typeCode,
      f.typeDescription,
      f.typeMinutes,
      f.typeCost,
      f.typeFlow,
      f.typeInitiatedBy,
    ]);

    // A code already taken, an empty description and a negative cost: all three said at once, nothing saved.
    const bad = await submit(modal, { [f.typeCode]: 'visit', [f.typeDescription]: '   ', [f.typeCost]: '-5' });
    expect(bad).toEqual({
      response_action: 'errors',
      errors: {
        [f.typeCode]: 'VISIT is already a visit type. Choose another code, or edit VISIT instead.',
        [f.typeDescription]: 'Enter a description, e.g. Customer visit.',
        [f.typeCost]: 'Enter a cost of 0 or more, with at most 2 decimals, e.g. 0 or 12.50.',
      },
    });
    expect((await getWorkspaceSetup('T0001')).version).toBe(0);

    const updates = kontakt.fake.callsTo('views.update').length;
    const ok = await submit(modal, {
      [f.typeCode]: 'demo',
      [f.typeDescription]: 'Product demo',
      [f.typeMinutes]: '45',
      [f.typeCost]: '12,50',
      [f.typeFlow]: 'inbound',
      [f.typeInitiatedBy]: 'them',
    });
    expect(ok).toBeUndefined();
    const stored = (await getWorkspaceSetup('T0001')).interactionTypes;
    expect(stored.at(-1)).toEqual({
      code: 'DEMO',
      description: 'Product demo',
      durationMin: 45,
      cost: 12.5,
      flow: 'inbound',
      initiatedBy: 'them',
    });
    // The list the admin returns to is redrawn from what was stored, row for row.
    const redrawn = await redrawOf(list.id as string, updates);
    expect(checkView(redrawn)).toEqual([]);
    const rows = sectionTexts(redrawn);
    expect(rows.map((row) => row.slice(1, row.indexOf('*', 1)))).toEqual(stored.map((type) => type.code));
    expect(rows.at(-1)).toBe('*DEMO* · Product demo\n45 min · cost 12.5 · inbound, started by the customer');
    expect(textOf(redrawn)).toContain('Saved *DEMO* · Product demo.');
    expect(sectionTexts(await redrawOf(HOME_ID, updates))).toContain(
      '*Visit types*\n6 types: VISIT, MEETING, PHONE, EMAIL, VIDEO, DEMO',
    );
  });

  it('edits a type from its menu (a code may stay, may not clash) and removes one', async () => {
    const list = await openTypes();
    const before = kontakt.fake.callsTo('views.push').length;
    await clickIn(list, overflow('edit:PHONE'));
    const modal = await pushedAfter(before, 'V0EDIT');
    expect(modal.title).toMatchObject({ text: 'Edit visit type' });
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"Phone call"');

    const clash = await submit(modal, { [f.typeCode]: 'EMAIL', [f.typeDescription]: '' });
    expect(Object.keys(clash?.errors ?? {}).sort()).toEqual([f.typeCode, f.typeDescription].sort());

    let updates = kontakt.fake.callsTo('views.update').length;
    expect(
      await submit(modal, { [f.typeDescription]: 'Phone call (customer)', [f.typeMinutes]: '20' }),
    ).toBeUndefined();
    let stored = (await getWorkspaceSetup('T0001')).interactionTypes;
    expect(stored.find((type) => type.code === 'PHONE')).toMatchObject({
      description: 'Phone call (customer)',
      durationMin: 20,
    });
    let redrawn = await redrawOf(list.id as string, updates);
    expect(sectionTexts(redrawn)[2]).toBe('*PHONE* · Phone call (customer)\n20 min · cost 0 · outbound, started by us');

    updates = kontakt.fake.callsTo('views.update').length;
    await clickIn(redrawn, overflow('remove:EMAIL'));
    redrawn = await redrawOf(list.id as string, updates);
    stored = (await getWorkspaceSetup('T0001')).interactionTypes;
    expect(stored.map((type) => type.code)).toEqual(['VISIT', 'MEETING', 'PHONE', 'VIDEO']);
    const rows = sectionTexts(redrawn);
    expect(rows.map((row) => row.slice(1, row.indexOf('*', 1)))).toEqual(['VISIT', 'MEETING', 'PHONE', 'VIDEO']);
    expect(textOf(redrawn)).toContain('Removed *EMAIL* · E-mail.');
  });

  it('keeps the last type, and ignores a forged code', async () => {
    const list = await openTypes();
    let updates = kontakt.fake.callsTo('views.update').length;
    await clickIn(list, overflow('remove:NOPE'));
    expect(textOf(await redrawOf(list.id as string, updates))).toContain('NOPE is no longer in the list');
    for (const code of ['VISIT', 'MEETING', 'PHONE', 'EMAIL']) {
      updates = kontakt.fake.callsTo('views.update').length;
      await clickIn(list, overflow(`remove:${code}`));
      const redrawn = await redrawOf(list.id as string, updates);
      list.private_metadata = redrawn.private_metadata;
    }
    updates = kontakt.fake.callsTo('views.update').length;
    await clickIn(list, overflow('remove:VIDEO'));
    expect(textOf(await redrawOf(list.id as string, updates))).toContain('Keep at least one visit type');
    expect((await getWorkspaceSetup('T0001')).interactionTypes.map((type) => type.code)).toEqual(['VIDEO']);
  });

  it('refuses a member: the menu shows why, and a forged type submission changes nothing', async () => {
    const list = await openTypes();
    const updates = kontakt.fake.callsTo('views.update').length;
    await clickIn(list, overflow('remove:VISIT'), 'U0SALES');
    expect(textOf(await redrawOf(list.id as string, updates))).toContain('Only Kontakt admins can change setup');

    const before = kontakt.fake.callsTo('views.push').length;
    await clickIn(list, buttonAction({ actionId: ids.actions.setupTypeAdd, value: 'add' }));
    const modal = await pushedAfter(before, 'V0TYPE');
    const forged = await submit(modal, { [f.typeCode]: 'HACK', [f.typeDescription]: 'Hack' }, 'U0SALES');
    expect(forged?.response_action).toBe('errors');
    expect(JSON.stringify(forged?.errors)).toMatch(/admin/i);
    expect((await getWorkspaceSetup('T0001')).interactionTypes).toHaveLength(5);
  });
});

describe('setup on day one: time zone, sharing, audit log', () => {
  it('offers time zones as a typeahead and saves the one picked', async () => {
    const digest = await openSection(await openSetup(), 'digest');
    const element = (digest.blocks.find((block) => block.block_id === f.digestTimeZone) as Json).element as Json;
    expect(element).toMatchObject({ type: 'external_select', action_id: ids.actions.setupTimeZone });

    const answer = async (value: string) => {
      const response = await kontakt.slack.options(
        blockSuggestion({ actionId: ids.actions.setupTimeZone, blockId: f.digestTimeZone, value, userId: ADMIN }),
      );
      expect(response.status).toBe(200);
      return (response.json as { options: { text: { text: string }; value: string }[] }).options;
    };
    const oslo = await answer('oslo');
    expect(oslo[0]).toMatchObject({
      value: 'Europe/Oslo',
      text: { text: expect.stringMatching(/^Europe\/Oslo \(GMT\+[12]\)$/) },
    });
    expect((await answer('new york'))[0]?.value).toBe('America/New_York');
    expect((await answer('')).map((o) => o.value).slice(0, 3)).toEqual([
      'Europe/Oslo',
      'Europe/Stockholm',
      'Europe/Copenhagen',
    ]);
    expect((await answer('a')).length).toBeLessThanOrEqual(100);
    expect(await answer('zzzz')).toEqual([]);

    expect(await submit(digest, { [f.digestTimeZone]: 'Europe/Stockholm', [f.digestTime]: '08:00' })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).digest).toMatchObject({ timeZone: 'Europe/Stockholm', time: '08:00' });
    const forged = await submit(digest, { [f.digestTimeZone]: 'Mars/Olympus' });
    expect(forged?.errors?.[f.digestTimeZone]).toMatch(/not a time zone/);
  });

  it('turns sharing to channels off and shows it', async () => {
    const home = await openSetup();
    const sharing = await openSection(home, 'sharing');
    expect(checkView(sharing)).toEqual([]);
    const updates = kontakt.fake.callsTo('views.update').length;
    expect(await submit(sharing, { [f.sharingEnabled]: [] })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).sharingEnabled).toBe(false);
    expect(sectionTexts(await redrawOf(HOME_ID, updates))).toContain(
      '*Sharing to channels*\nOff: contact cards cannot be shared to channels.',
    );
  });

  it('lets everyone import when the Importing section says so, and shows and records it', async () => {
    const home = await openSetup();
    expect(sectionTexts(home)).toContain('*Importing contacts*\nOnly admins can import contacts.');
    const imports = await openSection(home, 'imports');
    expect(checkView(imports)).toEqual([]);
    const updates = kontakt.fake.callsTo('views.update').length;
    expect(await submit(imports, { [f.importForEveryone]: ['on'] })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).importForEveryone).toBe(true);
    expect(sectionTexts(await redrawOf(HOME_ID, updates))).toContain(
      '*Importing contacts*\nEveryone can import contacts with `/contact import`.',
    );
    const [entry] = await listSetupAudit('T0001', 1);
    expect(entry).toMatchObject({
      section: 'imports',
      changes: [{ field: 'importForEveryone', from: 'false', to: 'true' }],
    });
  });

  it('tells the audit log in sentences', async () => {
    let home = await openSetup();
    await submit(await openSection(home, 'roles'), { [f.managers]: ['U0METTE'] });
    home = await openSetup();
    await submit(await openSection(home, 'digest'), { [f.digestEnabled]: [] });
    home = await openSetup();
    await submit(await openSection(home, 'sharing'), { [f.sharingEnabled]: [] });
    home = await openSetup();
    const list = await openSection(home, 'interactionTypes');
    await clickIn(list, overflow('remove:VIDEO'));
    await kontakt.fake.waitForCall('views.update', (c) => c.args.view_id === list.id);

    const before = kontakt.fake.callsTo('views.push').length;
    await clickIn(home, buttonAction({ actionId: ids.actions.setupOpenAudit, value: 'audit' }));
    const audit = await pushedAfter(before, 'V0AUDIT');
    expect(checkView(audit)).toEqual([]);
    const lines = sectionTexts(audit).flatMap((text) => text.split('\n').slice(1));
    expect(lines).toEqual([
      `• <@${ADMIN}> removed the visit type VIDEO (Video call).`,
      `• <@${ADMIN}> turned sharing to channels off.`,
      `• <@${ADMIN}> turned the weekly digest off.`,
      // The digest form starts from the admin's own zone (the fake's users live in Berlin); saving it records it.
      `• <@${ADMIN}> set the weekly digest’s time zone to Europe/Berlin.`,
      `• <@${ADMIN}> made <@U0METTE> a manager.`,
    ]);
    expect(textOf(audit)).not.toMatch(/roles\.managers|digest\.enabled|"\[/);
  });
});
