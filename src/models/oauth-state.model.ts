import { Schema, model } from 'mongoose';

/**
 * OAuth `state` values already used on /slack/oauth_redirect (their SHA-256, never the value), so a replayed
 * callback is refused. No workspaceId: a state belongs to an install that has no workspace yet. Rows delete
 * themselves (TTL) once the state would have expired anyway.
 */
const oauthStateSchema = new Schema(
  {
    stateHash: { type: String, required: true },
    consumedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'oauth_states' },
);
oauthStateSchema.index({ stateHash: 1 }, { unique: true });
oauthStateSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const OAuthStateModel = model('OAuthState', oauthStateSchema);
