import { z } from 'zod';

/**
 * Every setting Kontakt reads from the environment, validated once at start.
 * Each rule carries the sentence a newcomer needs to fix it; values are never echoed,
 * because several of them are secrets.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** 32 random bytes, base64 (`openssl rand -base64 32`). */
const encryptionKey = z
  .string()
  .transform((text) => Buffer.from(text, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 random bytes in base64 (create one with `openssl rand -base64 32`)');

const oauthVariables = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'INSTALLATION_ENCRYPTION_KEY',
] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SLACK_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .startsWith(
          'xoxb-',
          'must be a bot token starting with "xoxb-" (Slack app → OAuth & Permissions → Bot User OAuth Token)',
        )
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText.pipe(
      z
        .string()
        .regex(
          /^[0-9a-f]{16,}$/i,
          'must be the hex "Signing Secret" from Slack app → Basic Information → App Credentials',
        )
        .optional(),
    ),
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .startsWith(
          'xapp-',
          'must be an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write)',
        )
        .optional(),
    ),
    SLACK_API_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
        .transform((url) => (url.endsWith('/') ? url : `${url}/`))
        .optional(),
    ),
    PORT: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a whole number from 0 to 65535' })
        .int('must be a whole number from 0 to 65535')
        .min(0, 'must be a whole number from 0 to 65535')
        .max(65535, 'must be a whole number from 0 to 65535')
        .optional(),
    ),
    MONGODB_URI: optionalText.pipe(
      z
        .string()
        .regex(
          /^mongodb(\+srv)?:\/\/\S+$/,
          'must be a MongoDB connection string such as mongodb://localhost:27017/kontakt',
        )
        .optional(),
    ),
    MONGODB_DATA_DIR: optionalText.pipe(z.string().default('.data/mongodb')),
    LOG_LEVEL: optionalText.pipe(
      z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
    ),
    LOG_FORMAT: optionalText.pipe(z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional()),
    JOBS_POLL_MS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a number of milliseconds' })
        .int()
        .min(50)
        .max(600_000)
        .default(5_000),
    ),
    SUBMIT_ANSWER_DEADLINE_MS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a number of milliseconds' })
        .int()
        .min(500)
        .max(60_000)
        .default(2_500),
    ),
    HOME_TEAM_REFRESH_MS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a number of milliseconds' })
        .int()
        .min(100)
        .max(600_000)
        .default(10_000),
    ),
    SLACK_CLIENT_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information → App Credentials (digits.digits)')
        .optional(),
    ),
    SLACK_CLIENT_SECRET: optionalText.pipe(
      z.string().min(16, 'must be the Client Secret from Basic Information → App Credentials').optional(),
    ),
    SLACK_STATE_SECRET: optionalText.pipe(
      z.string().min(16, 'must be a random string of at least 16 characters (e.g. `openssl rand -hex 32`)').optional(),
    ),
    SLACK_REDIRECT_URI: optionalText.pipe(
      z.url({ protocol: /^https?$/, error: 'must be the public https URL of /slack/oauth_redirect' }).optional(),
    ),
    INSTALLATION_ENCRYPTION_KEY: optionalText.pipe(encryptionKey.optional()),
    INSTALLATION_ENCRYPTION_OLD_KEYS: optionalText.pipe(
      z
        .string()
        .transform((text) =>
          text
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean),
        )
        .pipe(z.array(encryptionKey))
        .optional(),
    ),
    DATA_RETENTION_DAYS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a whole number of days' })
        .int()
        .min(0)
        .max(3650)
        .default(30),
    ),
    COMPANY_REGISTER: optionalText.pipe(
      z.enum(['brreg', 'off'], { error: 'must be brreg (Enhetsregisteret) or off' }).default('brreg'),
    ),
    COMPANY_REGISTER_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          error: 'must be an http(s) URL such as https://data.brreg.no/enhetsregisteret/api',
        })
        .transform((url) => url.replace(/\/+$/, ''))
        .default('https://data.brreg.no/enhetsregisteret/api'),
    ),
    SHUTDOWN_TIMEOUT_MS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a number of milliseconds' })
        .int()
        .min(0)
        .max(120_000)
        .default(10_000),
    ),
  })
  .superRefine((env, ctx) => {
    const oauthSet = oauthVariables.filter((name) => env[name] !== undefined);
    if (env.SLACK_BOT_TOKEN && oauthSet.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: `is set together with ${oauthSet.join(', ')}: use SLACK_BOT_TOKEN for one workspace, or the OAuth settings to install into many — not both`,
      });
    } else if (oauthSet.length > 0) {
      for (const name of oauthVariables.filter((variable) => env[variable] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is missing: installing into many workspaces (OAuth) needs it (see .env.example)',
        });
      }
    } else if (!env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is missing: install the app to your workspace and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions (or set the OAuth settings to install into many workspaces)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.MONGODB_URI) {
      // The embedded database is for trying Kontakt out: offline it even falls back to an emulator that keeps data
      // in memory only. Production must never end up there by omission.
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message:
          'is missing: production (NODE_ENV=production) needs a real MongoDB, e.g. mongodb://db.internal:27017/kontakt — the embedded one is for development and may keep data in memory only',
      });
    }
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'is missing: HTTP mode needs the Signing Secret (Basic Information → App Credentials); or set SLACK_APP_TOKEN to use Socket Mode instead',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** One workspace with a bot token, or many installed through Slack's OAuth flow. */
export type AuthConfig =
  | { kind: 'single'; botToken: string }
  | {
      kind: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      redirectUri?: string;
      /** Encrypts tokens at rest; old keys are only read, during a key rotation. */
      encryptionKeys: { current: Buffer; old: Buffer[] };
    };

export interface AppConfig {
  nodeEnv: Env['NODE_ENV'];
  auth: AuthConfig;
  slack: {
    /** Present in HTTP mode; Socket Mode does not sign requests. */
    signingSecret?: string;
    /** Present in Socket Mode. */
    appToken?: string;
    apiUrl?: string;
  };
  /** Socket Mode when an app-level token is set: the easiest way to try the app, no public URL needed. */
  mode: 'socket' | 'http';
  /** HTTP port; in Socket Mode only set when PORT is given (then /healthz is served on it). */
  port?: number;
  mongodb: { uri?: string; dataDir: string };
  log: { level: Env['LOG_LEVEL']; format: 'json' | 'pretty' };
  shutdownTimeoutMs: number;
  /** How often scheduled jobs (follow-up reminders, weekly digests) are looked for. */
  jobsPollMs: number;
  /** A form not saved this long after it arrived is answered "try again" (Slack gives up at 3 s; the save goes on). */
  submitDeadlineMs: number;
  /** A manager's Home follows others' saves once things have been quiet this long (and at most 6× it later). */
  homeTeamRefreshMs: number;
  /** After an uninstall, a workspace's data is kept this many days (a reinstall restores it), then deleted. */
  dataRetentionDays: number;
  /** The public company register (Enhetsregisteret) companies are found in and checked against; off hides it. */
  companyRegister: { kind: 'brreg' | 'off'; url: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        `Kontakt cannot start: ${problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`} attention.`,
        ...problems.map((problem) => `  - ${problem}`),
        'Set them in the environment or in a .env file (see .env.example for every variable).',
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Every secret value in the config, for the logger to mask. */
export function secretsOf(config: AppConfig): string[] {
  const auth = config.auth;
  const values = [config.slack.signingSecret, config.slack.appToken];
  if (auth.kind === 'single') values.push(auth.botToken);
  else
    values.push(
      auth.clientSecret,
      auth.stateSecret,
      ...[auth.encryptionKeys.current, ...auth.encryptionKeys.old].map((key) => key.toString('base64')),
    );
  return values.filter((value): value is string => Boolean(value));
}

/** Parses the environment once; lists every problem at the same time rather than one per attempt. */
export function parseConfig(source: NodeJS.ProcessEnv): AppConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const env = result.data;
  const mode = env.SLACK_APP_TOKEN ? 'socket' : 'http';
  return {
    nodeEnv: env.NODE_ENV,
    // superRefine guarantees one complete kind of credentials.
    auth: env.SLACK_BOT_TOKEN
      ? { kind: 'single', botToken: env.SLACK_BOT_TOKEN }
      : {
          kind: 'oauth',
          clientId: env.SLACK_CLIENT_ID as string,
          clientSecret: env.SLACK_CLIENT_SECRET as string,
          stateSecret: env.SLACK_STATE_SECRET as string,
          redirectUri: env.SLACK_REDIRECT_URI,
          encryptionKeys: {
            current: env.INSTALLATION_ENCRYPTION_KEY as Buffer,
            old: env.INSTALLATION_ENCRYPTION_OLD_KEYS ?? [],
          },
        },
    slack: {
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
    },
    mode,
    port: mode === 'http' ? (env.PORT ?? 3000) : env.PORT,
    mongodb: { uri: env.MONGODB_URI, dataDir: env.MONGODB_DATA_DIR },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty') },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    jobsPollMs: env.JOBS_POLL_MS,
    homeTeamRefreshMs: env.HOME_TEAM_REFRESH_MS,
    submitDeadlineMs: env.SUBMIT_ANSWER_DEADLINE_MS,
    dataRetentionDays: env.DATA_RETENTION_DAYS,
    companyRegister: { kind: env.COMPANY_REGISTER, url: env.COMPANY_REGISTER_URL },
  };
}

/** Reads `.env` (if any) and the process environment. Only src/index.ts calls this. */
export function loadConfig(): AppConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('dotenv').config({ quiet: true });
  return parseConfig(process.env);
}
