import { randomBytes } from 'node:crypto';
import { TokenCipher, TokenDecryptionError } from '../../src/oauth/token-cipher';

const token = 'xoxb-1234-5678-abcdefghijklmnop';

describe('TokenCipher', () => {
  it('seals a token so the ciphertext shows nothing of it, and opens it again', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.encrypt(token);
    expect(sealed).not.toContain('xoxb');
    expect(sealed).toMatch(/^v1:[0-9a-f]{12}:/);
    expect(cipher.encrypt(token)).not.toBe(sealed);
    expect(cipher.decrypt(sealed)).toBe(token);
  });

  it('fails loudly on a tampered ciphertext or a wrong key, never returning garbage', () => {
    const key = randomBytes(32);
    const sealed = new TokenCipher(key).encrypt(token);
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[4]!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), flipped.toString('base64')].join(':');
    expect(() => new TokenCipher(key).decrypt(tampered)).toThrow(TokenDecryptionError);
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed)).toThrow(/not configured/);
    expect(() => new TokenCipher(key).decrypt('plain-text-token')).toThrow(TokenDecryptionError);
  });

  it('rotates keys: an old key still opens old ciphertexts, which are marked stale', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedWithOld = new TokenCipher(oldKey).encrypt(token);
    const rotated = new TokenCipher(newKey, [oldKey]);
    expect(rotated.decrypt(sealedWithOld)).toBe(token);
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.encrypt(token))).toBe(false);
  });
});
