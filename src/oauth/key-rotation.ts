import type { Logger } from '@slack/bolt';
import { Types } from 'mongoose';
import { InstallationModel } from '../models/installation.model';
import { TokenDecryptionError, tokenContext, type TokenCipher } from './token-cipher';

export interface ResealCounts {
  /** Installations looked at. */
  seen: number;
  /** Rewritten with the current key (and bound to their installation). */
  resealed: number;
  /** Already sealed with the current key: nothing to do (a second run finds only these). */
  current: number;
  /** Uninstalled while the run went on, or changed under it every time it tried: a rerun picks them up. */
  skipped: number;
  /** Could not be opened (a key missing from INSTALLATION_ENCRYPTION_OLD_KEYS, an altered value). */
  failed: string[];
}

/** What resealing needs of an installation document. */
export type SealedTokens = {
  key: string;
  botTokenCipher: string;
  botRefreshTokenCipher?: string | null;
};

const BATCH = 200;

/**
 * Reseals every installation's tokens with the current key, so a rotation finishes for workspaces nobody uses
 * (on-use resealing never reaches them) and the old keys can be removed. Idempotent and resumable: it walks the
 * installations in _id order, skips what is already current, and rewrites a document only if its ciphertexts
 * are still the ones it read (a refresh by the running app meanwhile wins, and is sealed with the current key
 * anyway).
 */
export async function resealAllInstallations(
  cipher: TokenCipher,
  options: {
    logger: Pick<Logger, 'info' | 'warn'>;
    /** Called after each batch with the counts so far. */
    onProgress?: (counts: ResealCounts) => void;
    batchSize?: number;
  },
): Promise<ResealCounts> {
  const counts: ResealCounts = { seen: 0, resealed: 0, current: 0, skipped: 0, failed: [] };
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await InstallationModel.find(after ? { _id: { $gt: after } } : {})
      .sort({ _id: 1 })
      .limit(options.batchSize ?? BATCH)
      .select({ key: 1, botTokenCipher: 1, botRefreshTokenCipher: 1 })
      .lean<(SealedTokens & { _id: Types.ObjectId })[]>();
    if (batch.length === 0) return counts;
    for (const stored of batch) {
      counts.seen += 1;
      const outcome = await resealInstallation(cipher, stored);
      if (outcome === 'failed') {
        counts.failed.push(stored.key);
        options.logger.warn(`The tokens of installation ${stored.key} cannot be opened with the configured keys`);
      } else counts[outcome] += 1;
    }
    after = batch[batch.length - 1]!._id;
    options.onProgress?.(counts);
  }
}

/**
 * One installation's tokens with the current key and binding, if they are not already: used by the rotation and
 * by the installation store on first use of a stale ciphertext.
 */
export async function resealInstallation(
  cipher: TokenCipher,
  first: SealedTokens,
): Promise<'resealed' | 'current' | 'skipped' | 'failed'> {
  let stored: SealedTokens | null = first;
  // A document changed between read and write is read again; a few rounds settle any realistic race.
  for (let attempt = 0; attempt < 3 && stored; attempt += 1) {
    const refresh = stored.botRefreshTokenCipher ?? undefined;
    if (!cipher.isStale(stored.botTokenCipher) && !(refresh && cipher.isStale(refresh))) return 'current';
    let set: Record<string, string>;
    try {
      set = {
        botTokenCipher: cipher.encrypt(
          cipher.decrypt(stored.botTokenCipher, tokenContext(stored.key, 'bot')),
          tokenContext(stored.key, 'bot'),
        ),
        ...(refresh
          ? {
              botRefreshTokenCipher: cipher.encrypt(
                cipher.decrypt(refresh, tokenContext(stored.key, 'refresh')),
                tokenContext(stored.key, 'refresh'),
              ),
            }
          : {}),
      };
    } catch (error) {
      if (error instanceof TokenDecryptionError) return 'failed';
      throw error;
    }
    const result = await InstallationModel.updateOne(
      {
        key: stored.key,
        botTokenCipher: stored.botTokenCipher,
        botRefreshTokenCipher: stored.botRefreshTokenCipher ?? null,
      },
      { $set: set },
    );
    if (result.modifiedCount === 1) return 'resealed';
    stored = await InstallationModel.findOne({ key: stored.key })
      .select({ key: 1, botTokenCipher: 1, botRefreshTokenCipher: 1 })
      .lean<SealedTokens>();
  }
  return 'skipped';
}
