import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for tokens at rest. Each ciphertext carries the id of the key that made it, so a key can be
 * rotated: new writes use the current key, old ciphertexts still open with the old one until resealed. Each is
 * also bound to where it belongs (the installation and the field, as GCM's associated data): a ciphertext copied
 * onto another installation's document, or from one field to another, fails its integrity check.
 *
 * Formats (base64 parts): `v2:<keyId>:<iv>:<tag>:<ciphertext>`, bound to its context; `v1:…` (before binding),
 * still opened, and reported stale so it is resealed as v2.
 */
export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 12);

const CURRENT_VERSION = 'v2';

/** The associated data a token is sealed with: the installation it belongs to and which of its tokens it is. */
export function tokenContext(installationKey: string, field: 'bot' | 'refresh'): string {
  return `kontakt/installation/${installationKey}/${field}`;
}

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

  /** Seals with the current key, bound to `context` (see tokenContext). */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      CURRENT_VERSION,
      this.current.id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  /**
   * Opens a v2 ciphertext sealed for `context`, or a v1 one (no context yet). Throws TokenDecryptionError —
   * never returns garbage — for a tampered value, one sealed for another context, or an unknown key. The message
   * names the key id at most, never the token.
   */
  decrypt(sealed: string, context: string): string {
    const [version, keyId, iv, tag, data] = sealed.split(':');
    if ((version !== 'v1' && version !== 'v2') || !keyId || !iv || !tag || data === undefined)
      throw new TokenDecryptionError('Stored token is not in the expected encrypted format');
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenDecryptionError(
        `Stored token was encrypted with key ${keyId}, which is not configured (set it in INSTALLATION_ENCRYPTION_OLD_KEYS during a rotation)`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      if (version === 'v2') decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(
        'Stored token failed its integrity check: it was altered, copied from another installation, or the key is wrong',
      );
    }
  }

  /** True when a ciphertext should be rewritten: made with an older key, or before tokens were bound (v1). */
  isStale(sealed: string): boolean {
    const [version, keyId] = sealed.split(':');
    return version !== CURRENT_VERSION || keyId !== this.current.id;
  }
}
