import { ids } from '../../../src/ids';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { checkMessage, checkOptions } from '../../harness/block-kit-checker';
import { blockSuggestion, slashCommand } from '../../harness/payloads';
import { click, viewOf } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt({ freshDatabase: false });
const saved: Record<string, Contact> = {};

async function add(key: string, fields: Parameters<typeof addContact>[0], workspaceId = 'T0001'): Promise<Contact> {
  saved[key] = await addContact(fields, workspaceId);
  return saved[key];
}

beforeAll(async () => {
  await add('nordlys', {
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    phone: '+47 55 12 34 56',
    salespersonId: 'U0KARI',
  });
  await add('kari', {
    type: 'person',
    name: 'Kari Nordmann',
    companyId: saved.nordlys!.id,
    jobTitle: 'Innkjøpssjef',
    phone: '+47 99 88 77 66',
  });
  await add('bjorn', { type: 'person', name: 'Bjørn Ålesund', city: 'Ålesund', salespersonId: 'U0001' });
  for (let i = 1; i <= 12; i += 1)
    await add(`pump${i}`, { type: 'company', name: `Bergen Pumpe ${String(i).padStart(2, '0')} AS`, city: 'Bergen' });
  await add('secret', { type: 'company', name: 'Hemmelig Konkurrent AS', city: 'Bergen' }, 'T0002');
});

interface Reply {
  text: string;
  blocks: unknown[];
  response_type?: string;
  replace_original?: boolean;
}

/** `/contact <text>` as a user of `teamId`; returns what Kontakt posted back to the response_url. */
async function contact(text: string, teamId = 'T0001'): Promise<Reply> {
  const key = `cmd-${Math.random()}`;
  const response = await kontakt.slack.command(
    slashCommand({ text, teamId, responseUrl: kontakt.fake.responseUrl(key) }),
  );
  expect(response.status).toBe(200);
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Reply;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

/** The values of every button with `actionId` in the blocks, in order. */
function buttons(reply: Reply, actionId: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as { action_id?: string; value?: string };
    if (element.action_id === actionId && typeof element.value === 'string') found.push(element.value);
    Object.values(node).forEach(walk);
  };
  walk(reply.blocks);
  return found;
}

describe('/contact search', () => {
  it('answers ephemerally with how many matched and one line per contact, with a View button each', async () => {
    const reply = await contact('search nordlys');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('2 contacts match “nordlys”');
    const text = JSON.stringify(reply.blocks);
    expect(text.indexOf('Nordlys Maskin AS')).toBeLessThan(text.indexOf('Kari Nordmann'));
    expect(buttons(reply, ids.actions.viewContact)).toEqual([saved.nordlys!.id, saved.kari!.id]);
  });

  it('`/contact find` and plain `/contact <text>` search too; letters and phones are forgiving', async () => {
    expect(JSON.stringify((await contact('find bjorn')).blocks)).toContain('Bjørn Ålesund');
    expect(JSON.stringify((await contact('alesund')).blocks)).toContain('Bjørn Ålesund');
    expect(JSON.stringify((await contact('5512 3456')).blocks)).toContain('Nordlys Maskin AS');
  });

  it('pages 10 at a time; Next replaces the message in place', async () => {
    const first = await contact('search bergen pumpe');
    expect(first.text).toContain('12 contacts match');
    expect(buttons(first, ids.actions.viewContact)).toHaveLength(10);
    const [next] = buttons(first, ids.actions.searchPage);
    expect(JSON.parse(next!)).toEqual({ q: 'bergen pumpe', p: 1 });
    const payload = await click(kontakt, ids.actions.searchPage, next!);
    const page = (await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url))
      .body as unknown as Reply;
    expect(page.replace_original).toBe(true);
    expect(buttons(page, ids.actions.viewContact)).toHaveLength(2);
    expect(JSON.stringify(page.blocks)).toContain('Bergen Pumpe 12 AS');
  });

  it('with no text lists the user’s own contacts', async () => {
    const reply = await contact('search');
    expect(reply.text).toContain('Your contacts (1)');
    expect(JSON.stringify(reply.blocks)).toContain('Bjørn Ålesund');
  });

  it('says nothing matched, with tips, for text that matches nothing — hostile text included', async () => {
    for (const text of ['search zzzqqq', 'search .*(', 'search $ne', `search ${'x'.repeat(3000)}`, 'search 🙂🙂']) {
      const reply = await contact(text);
      expect(reply.text).toMatch(/^No contacts match/);
    }
  });

  it('mentions filter words it could not understand', async () => {
    const reply = await contact('search nordlys type:spaceship');
    expect(JSON.stringify(reply.blocks)).toContain('type:spaceship');
  });
});

describe('opening a contact', () => {
  it('`/contact CT000001` shows that contact’s card with its persons and buttons', async () => {
    const reply = await contact(saved.nordlys!.no);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Nordlys Maskin AS');
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain('tel:+4755123456');
    expect(text).toContain('<@U0KARI>');
    expect(buttons(reply, ids.actions.logVisit)).toEqual([saved.nordlys!.id]);
    // Kari's button opens her card; Add person sits by the persons; Edit and Share are in the card's ⋯ menu.
    expect(buttons(reply, `${ids.actions.viewPersonPrefix}0`)).toEqual([saved.kari!.id]);
    expect(JSON.stringify(reply.blocks)).toContain(`"value":"edit:${saved.nordlys!.id}"`);
    expect(buttons(reply, ids.actions.addPerson)).toEqual([saved.nordlys!.id]);
    expect(JSON.stringify(reply.blocks)).toContain(`"value":"share:${saved.nordlys!.id}"`);
  });

  it('the View button opens the card in a modal', async () => {
    const payload = await click(kontakt, ids.actions.viewContact, saved.kari!.id);
    const call = await kontakt.fake.waitForCall('views.open');
    expect(call.args.trigger_id).toBe(payload.trigger_id);
    expect(JSON.stringify(viewOf(call))).toContain('Kari Nordmann');
    expect(JSON.stringify(viewOf(call))).toContain('Nordlys Maskin AS');
  });

  it('Share to channel posts a read-only card for everyone in the channel (more in contact-card.e2e)', async () => {
    await click(kontakt, ids.actions.shareContact, saved.nordlys!.id);
    const shared = await kontakt.fake.waitForCall('chat.postMessage');
    expect(shared.args).toMatchObject({
      channel: 'C0001',
      text: expect.stringContaining('<@U0001> shared Nordlys Maskin AS'),
    });
  });
});

describe('typeahead', () => {
  it('offers the best matches as “name — company (No.)”, companies only in the company picker', async () => {
    const people = await kontakt.slack.options(blockSuggestion({ actionId: ids.actions.contactPicker, value: 'kari' }));
    expect(checkOptions(people.json)).toEqual([]);
    expect(people.json).toEqual({
      options: [
        {
          text: expect.objectContaining({
            type: 'plain_text',
            text: `Kari Nordmann — Nordlys Maskin AS (${saved.kari!.no})`,
          }),
          value: saved.kari!.id,
        },
      ],
    });
    const companies = await kontakt.slack.options(
      blockSuggestion({ actionId: ids.actions.companyPicker, value: 'nord' }),
    );
    expect((companies.json as { options: { value: string }[] }).options.map((o) => o.value)).toEqual([
      saved.nordlys!.id,
    ]);
  });

  it('answers with no options for empty or hostile text', async () => {
    for (const value of ['', '$where', '.*', 'x'.repeat(5000)]) {
      const response = await kontakt.slack.options(blockSuggestion({ actionId: ids.actions.contactPicker, value }));
      expect(response.json).toEqual({ options: [] });
    }
  });
});

describe('another workspace', () => {
  it('can neither find nor open the first one’s contacts', async () => {
    expect((await contact('search nordlys', 'T0002')).text).toMatch(/^No contacts match/);
    // T0002 has a CT000001 of its own, but not Kari's number.
    expect((await contact(saved.kari!.no, 'T0002')).text).toContain('is neither a command nor a match');
    const suggestion = await kontakt.slack.options(
      blockSuggestion({ actionId: ids.actions.contactPicker, value: 'nordlys', teamId: 'T0002' }),
    );
    expect(suggestion.json).toEqual({ options: [] });
    for (const actionId of [
      ids.actions.viewContact,
      ids.actions.editContact,
      ids.actions.shareContact,
      ids.actions.addPerson,
    ]) {
      const payload = await click(kontakt, actionId, saved.nordlys!.id, { teamId: 'T0002' });
      const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
      expect(reply.body).toMatchObject({ text: expect.stringContaining('no longer exists') });
    }
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
    expect(JSON.stringify(kontakt.fake.responses)).not.toContain('Nordlys Maskin AS');
  });

  it('its own contacts stay its own', async () => {
    expect(JSON.stringify((await contact('search hemmelig', 'T0002')).blocks)).toContain('Hemmelig Konkurrent AS');
    expect((await contact('search hemmelig')).text).toMatch(/^No contacts match/);
  });
});
