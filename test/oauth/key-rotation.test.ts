import { randomBytes } from 'node:crypto';
import { InstallationModel } from '../../src/models/installation.model';
import { resealAllInstallations } from '../../src/oauth/key-rotation';
import { TokenCipher, tokenContext } from '../../src/oauth/token-cipher';
import { sealV1 } from '../fixtures/legacy-token-cipher';
import { clearCollections, useTestDatabase } from '../support/database';

useTestDatabase();
beforeEach(clearCollections);

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const before = new TokenCipher(oldKey);
const during = new TokenCipher(newKey, [oldKey]);
const after = new TokenCipher(newKey);
const quiet = { info: () => undefined, warn: () => undefined };

async function installation(key: string, botTokenCipher: string, botRefreshTokenCipher?: string): Promise<void> {
  await InstallationModel.create({ key, teamId: key, botTokenCipher, botRefreshTokenCipher, installedAt: new Date() });
}

/** Every installation's tokens, opened with the new key alone (as after the old one is removed). */
async function openedWithNewKeyOnly(): Promise<Record<string, string[]>> {
  const docs = await InstallationModel.find({ key: { $gte: '' } }).lean();
  return Object.fromEntries(
    docs.map((doc) => [
      doc.key,
      [
        after.decrypt(doc.botTokenCipher, tokenContext(doc.key, 'bot')),
        ...(doc.botRefreshTokenCipher
          ? [after.decrypt(doc.botRefreshTokenCipher, tokenContext(doc.key, 'refresh'))]
          : []),
      ],
    ]),
  );
}

describe('resealAllInstallations', () => {
  it('reseals idle installations with the current key (old key, legacy format, refresh tokens), and is idempotent', async () => {
    await installation(
      'T0001',
      before.encrypt('xoxb-1', tokenContext('T0001', 'bot')),
      before.encrypt('xoxe-1', tokenContext('T0001', 'refresh')),
    );
    await installation('T0002', sealV1(oldKey, 'xoxb-2'));
    await installation('T0003', after.encrypt('xoxb-3', tokenContext('T0003', 'bot')));

    const first = await resealAllInstallations(during, { logger: quiet });
    expect(first).toEqual({ seen: 3, resealed: 2, current: 1, skipped: 0, failed: [] });
    expect(await openedWithNewKeyOnly()).toEqual({ T0001: ['xoxb-1', 'xoxe-1'], T0002: ['xoxb-2'], T0003: ['xoxb-3'] });

    const second = await resealAllInstallations(during, { logger: quiet });
    expect(second).toEqual({ seen: 3, resealed: 0, current: 3, skipped: 0, failed: [] });
  });

  it('names the installations it cannot open (a key that is not configured) and reseals the rest', async () => {
    await installation('T0001', before.encrypt('xoxb-1', tokenContext('T0001', 'bot')));
    await installation('T0002', new TokenCipher(randomBytes(32)).encrypt('xoxb-2', tokenContext('T0002', 'bot')));
    const warnings: string[] = [];
    const counts = await resealAllInstallations(during, {
      logger: { info: () => undefined, warn: (line: string) => warnings.push(line) },
    });
    expect(counts).toMatchObject({ resealed: 1, failed: ['T0002'] });
    expect(warnings.join('\n')).toContain('T0002');
    expect(warnings.join('\n')).not.toContain('xoxb');
  });

  it('resumes after an interruption: a second run finishes what the first did not reach', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const key = `T000${i}`;
      await installation(key, before.encrypt(`xoxb-${i}`, tokenContext(key, 'bot')));
    }
    const crash = new Error('killed after the first batch');
    await expect(
      resealAllInstallations(during, {
        logger: quiet,
        batchSize: 2,
        onProgress: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const rest = await resealAllInstallations(during, { logger: quiet, batchSize: 2 });
    expect(rest).toEqual({ seen: 5, resealed: 3, current: 2, skipped: 0, failed: [] });
    expect(Object.keys(await openedWithNewKeyOnly()).sort()).toEqual(['T0001', 'T0002', 'T0003', 'T0004', 'T0005']);
  });
});
