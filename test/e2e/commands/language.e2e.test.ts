import mongoose from 'mongoose';
import { slashCommand } from '../../harness/payloads';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { clearLanguageCache, translatorForRecipient } from '../../../src/services/language/language.service';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();

interface Reply {
  response_type?: string;
  text: string;
}

/** `/contact <text>` as `userId`: the ack's reply when it carries one, else the ephemeral response_url POST. */
async function contact(text: string, userId = 'U0001'): Promise<Reply> {
  const key = `r${Math.random().toString(16).slice(2)}`;
  const response = await kontakt.slack.command(
    slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }),
  );
  expect(response.status).toBe(200);
  if (response.text) return response.json as Reply;
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Reply;
}

const stored = () => mongoose.connection.collection('user_languages').find({}).toArray();

async function workspaceSpeaks(language: 'en' | 'nb'): Promise<void> {
  const result = await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0001',
    section: 'language',
    version: 0,
    patch: { language },
  });
  expect(result.status).toBe('saved');
}

describe('/contact language', () => {
  it('stores the choice and confirms it ephemerally in the language just chosen; help follows it', async () => {
    expect((await contact('help')).text).toContain('`/contact help` — Show this list');
    const confirmation = await contact('language nb');
    expect(confirmation.response_type).toBe('ephemeral');
    expect(confirmation.text).toBe('Kontakt snakker nå norsk bokmål med deg i dette arbeidsområdet.');
    expect(await stored()).toEqual([expect.objectContaining({ workspaceId: 'T0001', userId: 'U0001', locale: 'nb' })]);
    const help = await contact('hjelp');
    expect(help.text).toContain('`/contact hjelp` — Vis denne listen');
    expect(help.text).toContain('/contact ny [firma|person]');
    expect(help.text).toContain('poststed:');
    // Another user of the workspace still reads English.
    expect((await contact('help', 'U0002')).text).toContain('Show this list');
  });

  it('takes the Norwegian alias `språk` and language names, and switches back', async () => {
    expect((await contact('språk norsk')).text).toContain('norsk bokmål');
    expect((await contact('språk en')).text).toBe('Kontakt now speaks English to you in this workspace.');
    expect(await stored()).toEqual([expect.objectContaining({ locale: 'en' })]);
  });

  it('answers an unknown language with the supported ones and stores nothing', async () => {
    const reply = await contact('language xx');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('“xx”');
    expect(reply.text).toContain('`en` — English');
    expect(reply.text).toContain('`nb` — Norsk bokmål');
    expect(await stored()).toEqual([]);
  });

  it('follows the workspace setup language when the user chose none, and the user choice over it', async () => {
    await workspaceSpeaks('nb');
    expect((await contact('help')).text).toContain('Vis denne listen');
    await contact('language en');
    expect((await contact('help')).text).toContain('Show this list');
    expect((await contact('help', 'U0002')).text).toContain('Vis denne listen');
  });

  it('falls back to the workspace language when a stored choice is no longer known', async () => {
    await workspaceSpeaks('nb');
    await mongoose.connection
      .collection('user_languages')
      .insertOne({ workspaceId: 'T0001', userId: 'U0001', locale: 'klingon' });
    clearLanguageCache();
    expect((await contact('help')).text).toContain('Vis denne listen');
  });

  it('gives jobs the recipient’s language for a DM and the workspace’s for shared messages', async () => {
    await workspaceSpeaks('nb');
    await contact('language en', 'U0003');
    expect((await translatorForRecipient('T0001', { userId: 'U0003' })).locale).toBe('en');
    expect((await translatorForRecipient('T0001', { userId: 'U0004' })).locale).toBe('nb');
    expect((await translatorForRecipient('T0001', { shared: true })).locale).toBe('nb');
  });
});
