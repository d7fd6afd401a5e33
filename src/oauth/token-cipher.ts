import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for tokens at rest. Each ciphertext carries the id of the key that made it, so a key can be
 * rotated: new writes use the current key, old ciphertexts still open with the old one until rewritten.
 * Format: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts).
 */
export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 12);

export class TokenCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  constructor(current: Buffer, old: Buffer[] = []) {
    if (current.length !== 32) throw new Error('The encryption key must be 32 bytes');
    this.current = { id: keyIdOf(current), key: current };
    this.keys = new Map([current, ...old].map((key) => [keyIdOf(key), key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.current.id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  /** Throws TokenDecryptionError — never returns garbage — for a tampered value or an unknown key. */
  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !keyId || !iv || !tag || data === undefined)
      throw new TokenDecryptionError('Stored token is not in the expected encrypted format');
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenDecryptionError(
        `Stored token was encrypted with key ${keyId}, which is not configured (set it in INSTALLATION_ENCRYPTION_OLD_KEYS during a rotation)`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError('Stored token failed its integrity check: it was altered or the key is wrong');
    }
  }

  /** True when a ciphertext was made with an older key and should be rewritten. */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.current.id;
  }
}
