import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import { todayIn } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { setUserLanguage } from '../../../src/services/language/language.service';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
import { blockActions, buttonAction, messageShortcut, slashCommand } from '../../harness/payloads';
import { click, moreDetails, openNewContact, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { englishWordsIn, shownText } from '../../support/english-words';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * The rest of the Norwegian flows the catalogue must keep whole (issue 14): the help, the card (as a reply, in a
 * modal and shared to a channel), logging a visit from a message (the modal, the confirmation) and the duplicates
 * comparison — Norwegian words and formats, and none of the English words a Norwegian user must never meet.
 */
const kontakt = useKontakt();
const nb = translator('nb');
const v = ids.visitField;
let nordlys: Contact;
let kari: Contact;

async function workspaceSpeaksNorwegian() {
  const { version } = await getWorkspaceSetup('T0001');
  const saved = await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0001',
    section: 'language',
    version,
    patch: { language: 'nb' },
  });
  expect(saved.status).toBe('saved');
}

beforeEach(async () => {
  await workspaceSpeaksNorwegian();
  await setUserLanguage('T0001', 'U0001', 'nb');
  nordlys = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    address: 'Strandkaien 2',
    postCode: '5013',
    city: 'Bergen',
    phone: '+47 55 12 34 56',
    email: 'post@nordlys.no',
    salespersonId: 'U0001',
  });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id, jobTitle: 'Innkjøpssjef' });
});

/** Checks the surface is valid Block Kit, has none of the English words, and returns the text it shows. */
function norwegian(surface: unknown, kind: 'view' | 'message'): string {
  expect(kind === 'view' ? checkView(surface as never) : checkMessage(surface as never)).toEqual([]);
  const text = shownText(surface);
  expect(englishWordsIn(text)).toEqual([]);
  return text;
}

async function command(text: string): Promise<{ text: string; blocks: unknown[] }> {
  const key = `cmd-${Math.random()}`;
  const response = await kontakt.slack.command(slashCommand({ text, responseUrl: kontakt.fake.responseUrl(key) }));
  expect(response.status).toBe(200);
  // The ack's reply when it carries one (the help), else the ephemeral response_url POST.
  if (response.text) return response.json as never;
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as never;
}

describe('the help in Norwegian', () => {
  it('lists the Norwegian words and filters, and no English', async () => {
    const help = await command('hjelp');
    const text = norwegian(help, 'message');
    for (const word of ['`/contact ny', '`/contact søk', '`/contact logg', '`/contact besøk', '`/contact språk'])
      expect(text).toContain(word);
    expect(text).toContain('poststed:');
    expect(text).toContain('selger:');
  });
});

describe('the card in Norwegian', () => {
  beforeEach(async () => {
    const result = await logVisit({
      workspaceId: 'T0001',
      userId: 'U0001',
      idempotencyKey: 'nb-card-1',
      input: {
        contactId: kari.id,
        typeCode: 'VISIT',
        date: '2026-12-04',
        description: 'Gjennomgang av tilbudet på 3 pumper',
        evaluation: 'very_positive',
        successful: true,
        cost: 12500,
      },
    });
    expect(result.status).toBe('saved');
  });

  it('answers `/contact <Nr.>` with a card in Norsk: labels, the visit date as “4. des. 2026”, the cost in kroner', async () => {
    const card = await command(nordlys.no);
    const text = norwegian(card, 'message');
    expect(text).toContain('Nordlys Maskin AS');
    expect(text).toContain(nb.t('contact.type.company'));
    expect(text).toContain('4. des. 2026');
    expect(text).toContain('Gjennomgang av tilbudet');
    expect(text).not.toMatch(/12,500|12500/);

    const person = await command(kari.no);
    const personText = norwegian(person, 'message');
    expect(personText).toContain('Innkjøpssjef');
    expect(personText).toContain('4. des. 2026');
  });

  it('opens the card in a modal in Norsk, and shares a Norwegian card to the channel', async () => {
    const before = kontakt.fake.callsTo('views.open').length;
    await kontakt.send.interactive(
      blockActions({
        actions: [buttonAction({ actionId: ids.actions.viewContact, value: nordlys.id })],
        responseUrl: kontakt.fake.responseUrl(),
      }),
    );
    const opened = await kontakt.fake.waitForCall(
      'views.open',
      () => kontakt.fake.callsTo('views.open').length > before,
    );
    const modal = viewOf(opened);
    expect(modal.title?.text).not.toMatch(/[A-Z][a-z]+ contact/);
    expect(norwegian(modal, 'view')).toContain('4. des. 2026');

    const key = `share-${Math.random()}`;
    await kontakt.send.interactive(
      blockActions({
        actions: [
          {
            type: 'overflow',
            action_id: ids.actions.contactMenu,
            block_id: 'b1',
            selected_option: { value: `share:${nordlys.id}`, text: { type: 'plain_text', text: 'x' } },
            action_ts: '1.2',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(key),
        overrides: { container: { is_ephemeral: true } as never },
      }),
    );
    const post = await kontakt.fake.waitForCall('chat.postMessage');
    const shared = norwegian(post.args, 'message');
    expect(shared).toContain('Nordlys Maskin AS');
    expect(shared).toContain(nb.t('contact.type.company'));
  });
});

describe('logging a visit from a message in Norwegian', () => {
  async function logFromMessage(text: string): Promise<SentView> {
    const payload = messageShortcut({
      callbackId: ids.shortcuts.logVisit,
      message: { text, ts: '1764000000.000100' },
      responseUrl: kontakt.fake.responseUrl(),
    });
    expect((await kontakt.slack.interactive(payload)).status).toBe(200);
    const call = await kontakt.fake.waitForCall('views.open');
    return { ...viewOf(call), id: 'V0VISIT' };
  }

  it('opens the modal in Norsk, refuses bad input in Norsk, and confirms in Norsk with the Norwegian date', async () => {
    const view = await logFromMessage('Møtte Kari Nordmann i dag, de vil ha 3 pumper');
    const text = norwegian(view, 'view');
    expect(view.title?.text).toBe(nb.t('visit.modal.titleCreate'));
    // The message itself is the description's initial value (not a text Kontakt wrote).
    expect(JSON.stringify(view)).toContain('Møtte Kari Nordmann i dag');
    expect(text).toContain(nb.t('visit.field.evaluation'));
    expect(JSON.stringify(view)).toContain(kari.id);

    // Bad input is refused inline, every field in one round, in Norwegian.
    const refused = await submitView(kontakt, view, { [v.date]: '2099-01-01', [v.duration]: '-5' });
    expect(refused?.response_action).toBe('errors');
    expect(Object.keys(refused?.errors ?? {}).sort()).toEqual([v.date, v.duration].sort());
    expect(englishWordsIn(Object.values(refused?.errors ?? {}).join('\n'))).toEqual([]);
    expect(Object.values(refused?.errors ?? {}).join('\n')).toMatch(/[æøå]/);
    expect(await VisitModel.countDocuments({})).toBe(0);

    const day = todayIn(FAKE_USER_TZ);
    expect(await submitView(kontakt, view, { [v.date]: day, [v.evaluation]: 'very_positive' })).toBeUndefined();
    const [stored] = await VisitModel.find({}).lean();
    expect(stored).toMatchObject({ contactName: 'Kari Nordmann', date: day, evaluation: 'very_positive' });

    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    const confirmed = norwegian(confirmation.args, 'message');
    expect(confirmed).toContain('Kari Nordmann');
    expect(confirmed).toContain(nb.date(day));
  });
});

describe('the duplicates comparison in Norwegian', () => {
  it('lists companies as alike in Norwegian order (Æ, Ø, Å after Z), also after “Ikke en dublett”', async () => {
    const same = { address: 'Fjordgata 10', city: 'Trondheim', phone: '+47 73 10 20 30' };
    const created: Record<string, string> = {};
    for (const name of ['Åsane Rør AS', 'Bryggen Rør AS', 'Anders Rør AS', 'Ørsta Rør AS', 'Zeta Rør AS'])
      created[name] = (await addContact({ type: 'company', name, ...same })).id;
    const form = await moreDetails(kontakt, await openNewContact(kontakt, 'ny firma'));
    const ack = await submitView(kontakt, form, {
      [ids.contactField.blocks.name]: 'Ærlig Rør AS',
      [ids.contactField.blocks.address]: same.address,
      [ids.contactField.blocks.city]: same.city,
      [ids.contactField.blocks.phone]: same.phone,
    });
    expect(ack?.response_action).toBe('push');
    const duplicates = { ...ack!.view!, id: 'V0DUPES' };
    const order = (view: SentView) =>
      [...shownText(view).matchAll(/(Anders|Bryggen|Zeta|Ørsta|Åsane) Rør AS/g)]
        .map((match) => match[1])
        .filter((name, i, all) => all.indexOf(name) === i);
    expect(order(duplicates)).toEqual(['Anders', 'Bryggen', 'Zeta', 'Ørsta', 'Åsane']);
    norwegian(duplicates, 'view');

    await click(kontakt, ids.actions.notDuplicate, created['Bryggen Rør AS']!, { view: duplicates });
    const update = await kontakt.fake.waitForCall('views.update', (call) => call.args.view_id === 'V0DUPES');
    const redrawn = viewOf(update);
    expect(order(redrawn)).toEqual(['Anders', 'Zeta', 'Ørsta', 'Åsane']);
    norwegian(redrawn, 'view');
  });
});

describe('the setup audit log after a change of language', () => {
  it('reads the entries made in English in Norsk once the workspace speaks Norwegian, and in English for one who chose it', async () => {
    // The beforeEach made the workspace Norwegian; these changes are made while it speaks English.
    const change = async (section: Parameters<typeof saveSetupSection>[0]['section'], patch: object) => {
      const { version } = await getWorkspaceSetup('T0001');
      const saved = await saveSetupSection({ workspaceId: 'T0001', userId: 'U0001', section, version, patch });
      expect(saved.status).toBe('saved');
    };
    await change('language', { language: 'en' });
    await setUserLanguage('T0001', 'U0001', 'en');
    const setup = await getWorkspaceSetup('T0001');
    await change('roles', { roles: { admins: ['U0001'], managers: ['U0BOSS'] } });
    await change('digest', { digest: { ...setup.digest, enabled: false } });
    await change('numbering', { numbering: { ...setup.numbering, prefix: 'KT' } });
    await change('interactionTypes', {
      interactionTypes: [
        ...setup.interactionTypes,
        { code: 'DEMO', description: 'Demo', durationMin: 90, cost: 1500, flow: 'outbound', initiatedBy: 'us' },
      ],
    });
    await change('industryGroups', {
      codes: { industryGroups: [...setup.codes.industryGroups, { code: 'FISK', description: 'Fiskeri' }] },
    });
    await change('language', { language: 'nb' });
    await setUserLanguage('T0001', 'U0001', 'nb');

    const openAudit = async () => {
      const opened = kontakt.fake.callsTo('views.open').length;
      await kontakt.slack.command(slashCommand({ text: 'oppsett', userId: 'U0001' }));
      const home = await kontakt.fake.waitForCall(
        'views.open',
        () => kontakt.fake.callsTo('views.open').length > opened,
      );
      const pushed = kontakt.fake.callsTo('views.push').length;
      await click(kontakt, ids.actions.setupOpenAudit, '', { view: { ...viewOf(home), id: 'V0HOME' } });
      return viewOf(
        await kontakt.fake.waitForCall(
          'views.push',
          (call) =>
            kontakt.fake.callsTo('views.push').length > pushed && viewOf(call).callback_id === ids.views.setupAudit,
        ),
      );
    };
    const audit = await openAudit();
    const text = norwegian(audit, 'view');
    expect(audit.title?.text).toBe(nb.t('setup.audit.title'));
    for (const sentence of [
      '<@U0001> gjorde <@U0BOSS> til leder.',
      '<@U0001> slo av ukesoppsummeringen.',
      '<@U0001> endret prefikset i nummerserien fra CT til KT.',
      '<@U0001> la til besøkstypen DEMO',
      '1\u00a0500',
      '<@U0001> la til FISK (Fiskeri) i',
      '<@U0001> byttet språket i Kontakt til Norsk bokmål.',
      '<@U0001> byttet språket i Kontakt til English.',
    ])
      expect(text).toContain(sentence);
    // When, in Norwegian and the reader's zone: Slack's date tokens would show an English month.
    expect(text).toContain(nb.date(new Date(), FAKE_USER_TZ));
    expect(JSON.stringify(audit)).not.toContain('<!date^');

    // The same entries read in English for someone who chose English: the log stores what changed, not words.
    await setUserLanguage('T0001', 'U0001', 'en');
    const english = shownText(await openAudit());
    expect(english).toContain('<@U0001> made <@U0BOSS> a manager.');
    expect(english).toContain('1,500');
    expect(english).not.toContain('ukesoppsummeringen');
    expect(english).toContain('<!date^');
  });
});
