import { Schema, model } from 'mongoose';

/**
 * One Slack installation: per team, or per enterprise for org-wide installs (`key`). Tokens are stored only as
 * AES-256-GCM ciphertexts (see oauth/token-cipher.ts): a database dump hands out no usable token.
 */
const installationSchema = new Schema(
  {
    /** Enterprise id for org-wide installs, else team id: what requests are authorized by. */
    key: { type: String, required: true },
    teamId: String,
    teamName: String,
    enterpriseId: String,
    enterpriseName: String,
    isEnterpriseInstall: { type: Boolean, default: false },
    appId: String,
    installerUserId: String,
    tokenType: String,
    botUserId: String,
    botId: String,
    botScopes: { type: [String], default: [] },
    botTokenCipher: { type: String, required: true },
    /** With token rotation on: the refresh token (encrypted) and when the access token expires. */
    botRefreshTokenCipher: String,
    botTokenExpiresAt: Date,
    /** A refresh in progress (another instance holds it until then). */
    refreshLockUntil: Date,
    /** Failed refreshes in a row, and when the next may be tried (backoff shared by every instance). */
    refreshFailures: Number,
    refreshRetryAt: Date,
    installedAt: { type: Date, required: true },
  },
  { collection: 'installations', timestamps: true },
);
installationSchema.index({ key: 1 }, { unique: true });

export const InstallationModel = model('Installation', installationSchema);
