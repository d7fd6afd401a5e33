import { ids } from '../../../src/ids';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { slashCommand } from '../../harness/payloads';
import { click, field, viewOf } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/** The small things a user notices in `/contact` and its search results. */
const kontakt = useKontakt({ freshDatabase: false });

interface Reply {
  text: string;
  blocks: { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] }[];
  response_type?: string;
}

async function contact(text: string): Promise<Reply> {
  const key = `cmd-${Math.random()}`;
  const response = await kontakt.slack.command(slashCommand({ text, responseUrl: kontakt.fake.responseUrl(key) }));
  expect(response.status).toBe(200);
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Reply;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

const buttonsOf = (reply: Reply) => reply.blocks.flatMap((block) => (block.type === 'actions' ? block.elements! : []));

beforeAll(async () => {
  await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', phone: '55 12 34 56' });
  for (let i = 1; i <= 25; i += 1)
    await addContact({ type: 'company', name: `Bergen Pumpe ${String(i).padStart(2, '0')} AS`, city: 'Bergen' });
});

describe('`/contact <word>` that is neither a subcommand nor a contact', () => {
  it('says so, ephemerally, with the usage and a way to create it', async () => {
    const reply = await contact('xyzzy');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`xyzzy` is neither a command nor a match for any contact');
    expect(reply.text).toContain('/contact help');
    expect(reply.text).toContain('/contact new [company|person]');
    expect(buttonsOf(reply).map((b) => b.text?.text)).toEqual(['Create “xyzzy”']);
  });

  it('a word that matches a contact is still a search', async () => {
    const reply = await contact('nordlys');
    expect(reply.text).not.toContain('neither');
    expect(JSON.stringify(reply.blocks)).toContain('Nordlys Maskin AS');
  });
});

describe('search results', () => {
  it('name an unknown filter, drop it, and still run the rest of the search', async () => {
    const reply = await contact('search nordlys colour:red');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('I ignored `colour:red` — filters are `type:`, `city:`, `owner:` and `industry:`.');
    expect(text).toContain('Nordlys Maskin AS');
    expect(reply.text).toContain('1 contact matches');
  });

  it('show the phone on each line', async () => {
    const reply = await contact('search nordlys');
    expect(JSON.stringify(reply.blocks)).toContain('*Nordlys Maskin AS* · Bergen · 55 12 34 56 · CT000001');
  });

  it('put Previous and Next on one row', async () => {
    const first = await contact('search bergen pumpe');
    const [next] = buttonsOf(first).filter((b) => b.action_id === ids.actions.searchPage);
    const payload = await click(kontakt, ids.actions.searchPage, next!.value!);
    const middle = (await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url))
      .body as unknown as Reply;
    const rows = middle.blocks.filter((block) => block.type === 'actions');
    expect(rows.map((row) => row.elements!.map((b) => b.text?.text))).toEqual([['Previous', 'Next']]);
    // Previous works too (its own action id).
    const previous = rows[0]!.elements![0]!;
    const back = await click(kontakt, previous.action_id!, previous.value!);
    const firstAgain = (
      await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === back.response_url)
    ).body as unknown as Reply;
    expect(JSON.stringify(firstAgain.blocks)).toContain('Bergen Pumpe 01 AS');
  });

  it('offer "Create “xyzzy”" when nothing matches, which opens the new-contact modal with the name filled', async () => {
    const reply = await contact('search xyzzy type:person');
    const [create] = buttonsOf(reply).filter((b) => b.action_id === ids.actions.searchCreateContact);
    expect(create?.text?.text).toBe('Create “xyzzy”');
    kontakt.fake.reset();
    await click(kontakt, ids.actions.searchCreateContact, create!.value!);
    const view = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(view.callback_id).toBe(ids.views.contactModal);
    expect(checkView(view)).toEqual([]);
    const name = view.blocks.find((b) => b.block_id === field.name) as unknown as {
      element: { initial_value?: string };
    };
    expect(name.element.initial_value).toBe('xyzzy');
    // type:person was asked for, so it is a person's form.
    expect(view.blocks.some((b) => b.block_id === field.companyId)).toBe(true);
  });

  it('a forged Create value opens an empty company form rather than failing', async () => {
    kontakt.fake.reset();
    await click(kontakt, ids.actions.searchCreateContact, '{"n":{"$ne":1}}');
    const view = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(JSON.stringify(view)).not.toContain('$ne');
    expect(view.blocks.some((b) => b.block_id === field.companyId)).toBe(false);
  });
});
