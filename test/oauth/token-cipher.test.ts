import { randomBytes } from 'node:crypto';
import { TokenCipher, TokenDecryptionError, tokenContext } from '../../src/oauth/token-cipher';
import { sealV1 } from '../fixtures/legacy-token-cipher';

const token = 'xoxb-1234-5678-abcdefghijklmnop';
const t1 = tokenContext('T0001', 'bot');

describe('TokenCipher', () => {
  it('seals a token so the ciphertext shows nothing of it, and opens it again', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.encrypt(token, t1);
    expect(sealed).not.toContain('xoxb');
    expect(sealed).toMatch(/^v2:[0-9a-f]{12}:/);
    expect(cipher.encrypt(token, t1)).not.toBe(sealed);
    expect(cipher.decrypt(sealed, t1)).toBe(token);
  });

  it('fails loudly on a tampered ciphertext or a wrong key, never returning garbage', () => {
    const key = randomBytes(32);
    const sealed = new TokenCipher(key).encrypt(token, t1);
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[4]!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), flipped.toString('base64')].join(':');
    expect(() => new TokenCipher(key).decrypt(tampered, t1)).toThrow(TokenDecryptionError);
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed, t1)).toThrow(/not configured/);
    expect(() => new TokenCipher(key).decrypt('plain-text-token', t1)).toThrow(TokenDecryptionError);
  });

  it('binds a ciphertext to its installation and field: it does not open anywhere else', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.encrypt(token, t1);
    for (const elsewhere of [tokenContext('T0002', 'bot'), tokenContext('T0001', 'refresh'), '']) {
      expect(() => cipher.decrypt(sealed, elsewhere)).toThrow(/copied from another installation/);
    }
    // The version cannot be downgraded to skip the binding.
    expect(() => cipher.decrypt(sealed.replace(/^v2:/, 'v1:'), t1)).toThrow(TokenDecryptionError);
  });

  it('still opens a ciphertext from before the binding (v1), and marks it stale so it is resealed', () => {
    const key = randomBytes(32);
    const cipher = new TokenCipher(key);
    const legacy = sealV1(key, token);
    expect(cipher.decrypt(legacy, t1)).toBe(token);
    expect(cipher.isStale(legacy)).toBe(true);
    expect(cipher.isStale(cipher.encrypt(token, t1))).toBe(false);
  });

  it('rotates keys: an old key still opens old ciphertexts, which are marked stale', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedWithOld = new TokenCipher(oldKey).encrypt(token, t1);
    const rotated = new TokenCipher(newKey, [oldKey]);
    expect(rotated.decrypt(sealedWithOld, t1)).toBe(token);
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.encrypt(token, t1))).toBe(false);
  });
});
