import { FakeSlackApi } from '../../harness/fake-slack-api';
import { blockActions, buttonAction, slashCommand } from '../../harness/payloads';
import { ids } from '../../../src/ids';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
/** A server that is not Slack, recording whatever is posted to it. */
let elsewhere: FakeSlackApi;

beforeAll(async () => {
  elsewhere = await FakeSlackApi.start();
});
afterAll(async () => {
  await elsewhere.close();
});
beforeEach(async () => {
  elsewhere.reset();
  await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('response_url', () => {
  it('Kontakt answers through a response_url on Slack’s side (here: the configured fake)', async () => {
    const key = 'genuine';
    await kontakt.slack.command(slashCommand({ text: 'search nordlys', responseUrl: kontakt.fake.responseUrl(key) }));
    const reply = await kontakt.fake.waitForResponse((response) => response.key === key);
    expect(JSON.stringify(reply.body)).toContain('Nordlys Maskin AS');
  });

  it('a command or a button whose response_url points elsewhere is acknowledged, and nothing is posted there', async () => {
    const command = await kontakt.slack.command(
      slashCommand({ text: 'search nordlys', responseUrl: elsewhere.responseUrl('command') }),
    );
    expect(command.status).toBe(200);
    const click = await kontakt.slack.interactive(
      blockActions({
        actions: [buttonAction({ actionId: ids.actions.searchPage, value: 'nordlys|2' })],
        responseUrl: elsewhere.responseUrl('button'),
      }),
    );
    expect(click.status).toBe(200);
    await settle();
    expect(elsewhere.responses).toEqual([]);
    expect(kontakt.fake.responses).toEqual([]);
    // No listener ran: nothing was asked of Slack on the request's behalf either.
    expect(kontakt.fake.calls).toEqual([]);
    const refusals = kontakt.logs.filter((line) => line.includes('Refused a request whose response_url points at'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    // The log names the host, never the whole URL (it is as good as a reply token).
    expect(kontakt.logs.join('\n')).not.toContain(elsewhere.responseUrl('command'));
  });
});
