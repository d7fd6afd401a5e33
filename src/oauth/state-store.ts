import { createHash } from 'node:crypto';
import { ClearStateStore, InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import { isDuplicateKeyError } from '../db/errors';
import { OAuthStateModel } from '../models/oauth-state.model';

/** How long a state from /slack/install is good for (@slack/oauth's own default, also its cookie's lifetime). */
export const STATE_TTL_SECONDS = 600;

/**
 * @slack/oauth's signed state (secret, expiry, bound to the browser by a cookie), made single-use: the first
 * callback that presents a state consumes it in MongoDB; a replay of the same callback (a leaked redirect URL,
 * a browser's back button, a second instance) is refused before the code is exchanged, so nothing is stored.
 */
export class SingleUseStateStore implements StateStore {
  private readonly signed: ClearStateStore;

  constructor(stateSecret: string) {
    this.signed = new ClearStateStore(stateSecret, STATE_TTL_SECONDS);
  }

  generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    return this.signed.generateStateParam(installOptions, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const installOptions = await this.signed.verifyStateParam(now, state);
    try {
      await OAuthStateModel.create({
        stateHash: createHash('sha256').update(state).digest('hex'),
        consumedAt: now,
        // Past this the signed state is expired on its own; the row is no longer needed.
        expiresAt: new Date(now.getTime() + (STATE_TTL_SECONDS + 60) * 1000),
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new InvalidStateError('The state parameter was already used');
      throw error;
    }
    return installOptions;
  }
}
