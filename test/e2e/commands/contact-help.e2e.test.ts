import { checkMessage } from '../../harness/block-kit-checker';
import { globalShortcut, slashCommand } from '../../harness/payloads';
import type { SigningMode } from '../../harness/slack-request';
import { TEST_BOT_TOKEN } from '../../support/test-app';
import { useKontakt } from '../../support/use-kontakt';

interface CommandReply {
  response_type: string;
  text: string;
  blocks: unknown[];
}

const kontakt = useKontakt({ freshDatabase: false });

async function contact(text: string): Promise<CommandReply> {
  const response = await kontakt.slack.command(slashCommand({ text, responseUrl: kontakt.fake.responseUrl() }));
  expect(response.status).toBe(200);
  const reply = response.json as CommandReply;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

describe('/contact help through the real HTTP receiver', () => {
  it('answers `/contact help` ephemerally with the list of subcommands, in the ack', async () => {
    // The list travels in the ack itself: nothing is left to do after it. (No stopwatch here: on a busy machine it
    // would measure the machine.)
    const reply = await contact('help');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`/contact help` — Show this list');
    expect(JSON.stringify(reply.blocks)).toContain('Kontakt — your team’s contact book in Slack');
  });

  it('answers `/contact` with no text with the same usage', async () => {
    const reply = await contact('   ');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^Use `\/contact` followed by one of these:/);
    expect(reply.text).toContain('/contact help');
  });

  it('lists every subcommand, and `/contact <text>` as a search', async () => {
    const reply = await contact('help');
    expect(reply.text).toContain('/contact new [company|person]');
    expect(reply.text).toContain('/contact search <text>');
    expect(reply.text).toContain('`/contact <text>` works too');
  });

  it('makes no Slack API call and logs nothing secret while answering', async () => {
    kontakt.fake.reset();
    await contact('help');
    expect(kontakt.fake.calls).toEqual([]);
    expect(kontakt.fake.responses).toEqual([]);
    const logs = kontakt.logs.join('\n');
    expect(logs).not.toContain(TEST_BOT_TOKEN);
    expect(logs).not.toContain(kontakt.config.slack.signingSecret);
  });
});

describe('requests Slack did not sign', () => {
  it.each<SigningMode>(['wrong-secret', 'stale', 'malformed', 'none'])(
    'a %s signature gets 401 and runs no listener',
    async (signing) => {
      kontakt.fake.reset();
      const response = await kontakt.slack.command(slashCommand({ text: 'help' }), { signing });
      expect(response.status).toBe(401);
      expect(response.text).not.toContain('/contact help');
      expect(kontakt.fake.calls).toEqual([]);
    },
  );

  it('an unsigned interactivity payload gets 401 too', async () => {
    const response = await kontakt.slack.interactive(globalShortcut({ callbackId: 'new_contact' }), {
      signing: 'wrong-secret',
    });
    expect(response.status).toBe(401);
  });

  it('a signed body that is not a Slack payload gets 400 and runs no listener', async () => {
    kontakt.fake.reset();
    const response = await kontakt.slack.raw('payload=%7Bnot-json', {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
    expect(kontakt.fake.calls).toEqual([]);
  });
});
