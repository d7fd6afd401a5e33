/**
 * The one pretend workspace every harness piece agrees on, so a payload built by `payloads.ts`
 * and the answers of `FakeSlackApi` (auth.test, team.info, users.info) describe the same team.
 * Ids follow Slack's prefixes (T team, U user, B bot, A app, E enterprise) because apps and Bolt
 * sometimes branch on them.
 */
export const DEFAULT_TEAM = { id: 'T0001', name: 'Acme', domain: 'acme' } as const;
export const DEFAULT_USER = { id: 'U0001', name: 'ada', realName: 'Ada Lovelace' } as const;
export const DEFAULT_APP_ID = 'A0KONTAKT';
export const DEFAULT_BOT = { userId: 'U0BOT', botId: 'B0BOT', name: 'kontakt' } as const;
export const DEFAULT_CHANNEL = { id: 'C0001', name: 'sales' } as const;
/** The old-style verification token Slack still puts in every payload (Bolt ignores it). */
export const DEFAULT_VERIFICATION_TOKEN = 'verification-token-not-used';
