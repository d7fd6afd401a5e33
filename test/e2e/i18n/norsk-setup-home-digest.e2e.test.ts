import { WebClient } from '@slack/web-api';
import mongoose from 'mongoose';
import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { addDays, todayIn, weekOf } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { setUserLanguage } from '../../../src/services/language/language.service';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import type { VisitInput } from '../../../src/services/visits/visit.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { appHomeOpened, blockActions, eventCallback, slashCommand, viewOutput } from '../../harness/payloads';
import { click, viewOf, type SentView } from '../../support/contact-flows';
import { englishWordsIn, shownText } from '../../support/english-words';
import { TEST_BOT_TOKEN } from '../../support/test-app';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * A Norwegian workspace end to end: setup's summary, the App Home (and switching language from it), the weekly
 * digest DM and `/contact besøk` read as Norwegian — Norwegian words and formats, and none of the English words
 * a Norwegian user must never meet.
 */
const kontakt = useKontakt();
const nb = translator('nb');
// The fake's users are in Berlin (test/harness/fake-slack-answers.ts).
const today = () => todayIn('Europe/Berlin');
let kari: Contact;
let n = 0;

async function visit(userId: string, fields: Partial<VisitInput> = {}) {
  const result = await logVisit({
    workspaceId: 'T0001',
    userId,
    idempotencyKey: `nb-${(n += 1)}`,
    input: {
      contactId: kari.id,
      typeCode: 'VISIT',
      date: today(),
      description: `Gjennomgang av tilbud ${n}`,
      evaluation: 'positive',
      successful: true,
      ...fields,
    },
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.visit;
}

async function save(section: 'language' | 'roles', patch: object) {
  const { version } = await getWorkspaceSetup('T0001');
  const result = await saveSetupSection({ workspaceId: 'T0001', userId: 'U0001', section, version, patch });
  expect(result.status).toBe('saved');
}

beforeEach(async () => {
  await save('language', { language: 'nb' });
  await save('roles', { roles: { admins: ['U0001'], managers: ['U0BOSS'] } });
  const fjord = await addContact({ type: 'company', name: 'Fjordbris AS' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: fjord.id });
});

function expectNorwegian(surface: unknown): string {
  const text = shownText(surface);
  expect(englishWordsIn(text)).toEqual([]);
  return text;
}

async function command(text: string, userId: string): Promise<{ text: string; blocks: unknown[] }> {
  const key = `k${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as {
    text: string;
    blocks: unknown[];
  };
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

describe('setup in Norwegian', () => {
  it('shows the summary in Norsk, and “Bruk norske standardverdier” gives the types Norwegian names', async () => {
    const before = kontakt.fake.callsTo('views.open').length;
    await kontakt.slack.command(slashCommand({ text: 'oppsett', userId: 'U0001' }));
    const opened = await kontakt.fake.waitForCall(
      'views.open',
      () => kontakt.fake.callsTo('views.open').length > before,
    );
    const home: SentView = { ...viewOf(opened), id: 'V0HOME' };
    expect(checkView(home)).toEqual([]);
    const summary = shownText(home);
    expect(summary).toContain('Oppsett');
    expect(summary).toContain('*Språk*\nNorsk bokmål');
    expect(summary).toContain('*Import av kontakter*\nBare administratorer kan importere kontakter.');
    expect(summary).not.toContain('tekster på norsk bokmål');

    const pushes = kontakt.fake.callsTo('views.push').length;
    await click(kontakt, ids.actions.setupOpenSection, 'language', { view: home });
    const pushed = await kontakt.fake.waitForCall(
      'views.push',
      () => kontakt.fake.callsTo('views.push').length > pushes,
    );
    const language: SentView = { ...viewOf(pushed), id: 'V0LANG', root_view_id: 'V0HOME' } as SentView;
    expect(checkView(language)).toEqual([]);
    expectNorwegian(language);
    expect(shownText(language)).toContain('Bruk norske standardverdier');

    const updates = kontakt.fake.callsTo('views.update').length;
    await click(kontakt, ids.actions.setupNorwegianDefaults, '', { view: language });
    const redrawn = await kontakt.fake.waitForCall(
      'views.update',
      (call) => kontakt.fake.callsTo('views.update').length > updates && call.args.view_id === 'V0LANG',
    );
    expect(shownText(viewOf(redrawn))).toContain('Norske standardverdier er tatt i bruk');
    const setup = await getWorkspaceSetup('T0001');
    expect(setup.interactionTypes.find((type) => type.code === 'VISIT')?.description).toBe('Besøk');
    expect(setup.defaults.phoneRegion).toBe('NO');

    // The summary, reopened, has no English left in it (the types are Norwegian now too).
    const again = kontakt.fake.callsTo('views.open').length;
    await kontakt.slack.command(slashCommand({ text: 'oppsett', userId: 'U0001' }));
    const reopened = await kontakt.fake.waitForCall(
      'views.open',
      () => kontakt.fake.callsTo('views.open').length > again,
    );
    expectNorwegian(viewOf(reopened));
  });
});

describe('the App Home in Norwegian', () => {
  const publishesTo = (userId: string) =>
    kontakt.fake.callsTo('views.publish').filter((call) => call.args.user_id === userId);

  it('is in Norsk, with the week as “uke” dates; the language picked on Home is stored and Home redrawn in it', async () => {
    await visit('U0001', { description: 'Befaring på kaia' });
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    const first = viewOf(await kontakt.fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0001'));
    expect(checkView(first)).toEqual([]);
    const text = expectNorwegian(first);
    expect(text).toContain('Din uke');
    expect(text).toContain('Siste kontakter');
    expect(text).toContain(`1 besøk · ${nb.date(weekOf(today()).from)}–${nb.date(weekOf(today()).to)}`);
    expect(text).toContain('Befaring på kaia');
    expect(JSON.stringify(first)).toContain(`"action_id":"${ids.actions.homeLanguage}"`);
    expect(JSON.stringify(first)).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Norsk bokmål"/);

    const pick = async (value: 'en' | 'nb') => {
      const before = publishesTo('U0001').length;
      const response = await kontakt.send.interactive(
        blockActions({
          userId: 'U0001',
          source: 'home',
          view: viewOutput({ type: 'home' }),
          actions: [
            {
              type: 'static_select',
              action_id: ids.actions.homeLanguage,
              block_id: 'lang',
              selected_option: { text: { type: 'plain_text', text: value, emoji: true }, value },
              action_ts: '1.2',
            } as never,
          ],
        }),
      );
      expect(response.status).toBe(200);
      await kontakt.fake.waitForCall('views.publish', () => publishesTo('U0001').length > before);
      return viewOf(publishesTo('U0001').at(-1)!);
    };
    const english = await pick('en');
    expect(shownText(english)).toContain('Your week');
    const stored = await mongoose.connection
      .collection('user_languages')
      .find({ workspaceId: 'T0001', userId: 'U0001' })
      .toArray();
    expect(stored).toEqual([expect.objectContaining({ workspaceId: 'T0001', locale: 'en' })]);
    // Their replies follow the choice too.
    expect((await command('besøk', 'U0001')).text).toContain('Your visits this week');
    expect(shownText(await pick('nb'))).toContain('Din uke');

    // A value that is no language changes nothing.
    await kontakt.send.interactive(
      blockActions({
        userId: 'U0001',
        source: 'home',
        view: viewOutput({ type: 'home' }),
        actions: [
          {
            type: 'static_select',
            action_id: ids.actions.homeLanguage,
            block_id: 'lang',
            selected_option: { text: { type: 'plain_text', text: 'xx', emoji: true }, value: 'xx' },
            action_ts: '1.3',
          } as never,
        ],
      }),
    );
    const after = await mongoose.connection
      .collection('user_languages')
      .find({ workspaceId: 'T0001', userId: 'U0001' })
      .toArray();
    expect(after).toEqual([expect.objectContaining({ locale: 'nb' })]);
  });

  it('is re-published in the background in each user’s own language', async () => {
    await setUserLanguage('T0001', 'U0BOSS', 'en');
    // The boss chose English; the salesperson did not and reads the workspace's Norsk.
    await visit('U0SALES', { description: 'Demo av pumpa' });
    const client = new WebClient(TEST_BOT_TOKEN, { slackApiUrl: kontakt.fake.url });
    kontakt.running.home.refresh(client, 'T0001', ['U0SALES', 'U0BOSS']);
    await kontakt.running.home.settled();
    const sales = viewOf(publishesTo('U0SALES').at(-1)!);
    expectNorwegian(sales);
    expect(shownText(sales)).toContain('Demo av pumpa');
    expect(shownText(viewOf(publishesTo('U0BOSS').at(-1)!))).toContain('Team this week');
  });
});

describe('the weekly digest in Norwegian', () => {
  it('reaches a Norwegian manager in Norsk (uke, Norwegian dates), and one who chose English in English', async () => {
    await save('roles', { roles: { admins: ['U0001'], managers: ['U0BOSS', 'U0ENG'] } });
    await setUserLanguage('T0001', 'U0ENG', 'en');
    const lastWeek = weekOf(addDays(weekOf(today()).from, -7));
    await visit('U0KARI', { date: lastWeek.from, evaluation: 'very_positive', description: 'Signerte avtalen' });
    await kontakt.running.scheduler.runDigestNow('T0001');
    const toBoss = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0BOSS');
    const digest = toBoss.args as unknown as { text: string; blocks: unknown[] };
    expect(checkMessage(digest)).toEqual([]);
    const text = expectNorwegian(digest);
    expect(text).toContain(`Besøk i uke ${nb.weekNumber(lastWeek.from)}`);
    expect(text).toContain(`${nb.date(lastWeek.from)}–${nb.date(lastWeek.to)}`);
    expect(text).toContain(nb.longDate(lastWeek.from));
    expect(text).toContain('Beste besøk');
    expect(text).toContain('Kontakter besøkt for første gang (1)');
    expect(text).toContain('Åpne hele rapporten');
    const toEnglish = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0ENG');
    expect(shownText(toEnglish.args)).toContain('Visits in week');
  });
});

describe('/contact besøk in Norwegian', () => {
  it('lists one’s own week and the team’s in Norsk, with Norwegian days and counts', async () => {
    await visit('U0KARI', { description: 'Kaffe og tilbud' });
    await visit('U0KARI', { successful: false, evaluation: 'negative', description: 'Ingen var der' });
    const mine = await command('besøk', 'U0KARI');
    const text = expectNorwegian(mine);
    expect(text).toContain('Dine besøk denne uken');
    expect(text).toContain('2 besøk · 1 forsøk mislyktes');
    expect(text).toContain(nb.longDate(today()));
    expect(text).toContain('Kaffe og tilbud');

    const team = await command('besøk team forrige uke', 'U0BOSS');
    expect(expectNorwegian(team)).toContain('Teamets besøk forrige uke');
    const refused = await command('besøk team', 'U0KARI');
    expectNorwegian(refused);

    const bad = await command('besøk 2026-13-40', 'U0KARI');
    expect(bad.text).toContain('er ikke en dato');
    expectNorwegian(bad);
  });
});
