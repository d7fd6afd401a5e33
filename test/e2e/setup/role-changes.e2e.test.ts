import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { slashCommand } from '../../harness/payloads';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();

/** `/contact setup` as `userId`: 'opened' (the setup modal) or 'refused' (told who can change setup). */
async function setup(userId: string): Promise<'opened' | 'refused'> {
  const key = `setup-${Math.random()}`;
  const opened = kontakt.fake.callsTo('views.open').length;
  await kontakt.slack.command(slashCommand({ text: 'setup', userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const deadline = Date.now() + 3_000;
  for (;;) {
    if (kontakt.fake.callsTo('views.open').length > opened) return 'opened';
    if (kontakt.fake.responses.some((r) => r.key === key)) return 'refused';
    if (Date.now() > deadline) throw new Error('/contact setup got no answer');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `work` as if `ms` more had passed on the clock (Date.now only; timers and sockets are untouched). */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
  try {
    return await work();
  } finally {
    clock.mockRestore();
  }
}

describe('role changes', () => {
  it('a demoted Slack admin loses admin rights within 30 s; meanwhile one users.info call serves repeated checks', async () => {
    kontakt.fake.setUser('U0BOSS', { is_admin: true });
    expect(await setup('U0BOSS')).toBe('opened');
    expect(await setup('U0BOSS')).toBe('opened');
    expect(kontakt.fake.callsTo('users.info').filter((call) => call.args.user === 'U0BOSS')).toHaveLength(1);

    kontakt.fake.setUser('U0BOSS', { is_admin: false });
    expect(await later(31_000, () => setup('U0BOSS'))).toBe('refused');
  });

  it('a promoted Slack owner gains them within 30 s too', async () => {
    expect(await setup('U0NEW')).toBe('refused');
    kontakt.fake.setUser('U0NEW', { is_owner: true });
    expect(await later(31_000, () => setup('U0NEW'))).toBe('opened');
  });

  it('a change of roles in setup counts at once', async () => {
    const granted = await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: ['U0KARI'], managers: [] } },
    });
    expect(granted.status).toBe('saved');
    expect(await setup('U0KARI')).toBe('opened');
    const revoked = await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 1,
      patch: { roles: { admins: ['U0OTHER'], managers: [] } },
    });
    expect(revoked.status).toBe('saved');
    expect(await setup('U0KARI')).toBe('refused');
  });
});
