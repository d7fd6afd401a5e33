import { asLocale, translator, type Locale, type Translator } from '../../i18n';
import { SetupModel } from '../../models/setup.model';
import { UserLanguageModel } from '../../models/user-language.model';

/**
 * Which language a user sees: their own choice (`/contact language`), else the workspace's setup language, else
 * English. A stored value this version does not know is no choice (it falls through), never an error.
 *
 * Every request resolves it (the Kontakt context), so both answers are cached for a short while per process:
 * a warm request reads nothing, a user's first request reads one indexed document (their choice) and the
 * workspace's setup language only when it is not cached either. A change made here updates the cache at once;
 * another instance sees it within the TTL. A read that is slow or fails does not hold the request up: the
 * last known answer (or English) is used and the read is tried again on the next request.
 */

const TTL_MS = 60_000;
/** Longest a request waits for the language; the ack must not wait on a slow database for it. */
const READ_BUDGET_MS = 250;
/** Bound on cached users per process; the oldest entries go first. */
const MAX_ENTRIES = 20_000;

interface Entry {
  locale: Locale | undefined;
  until: number;
}

const userChoices = new Map<string, Entry>();
const workspaceLanguages = new Map<string, Entry>();

const userKey = (workspaceId: string, userId: string) => `${workspaceId}\u0000${userId}`;

function remember(cache: Map<string, Entry>, key: string, locale: Locale | undefined, now: number): void {
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, { locale, until: now + TTL_MS });
}

/** A read raced against the budget: undefined when it failed or took too long (the caller falls back). */
async function withinBudget<T>(read: Promise<T>): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), READ_BUDGET_MS);
  });
  try {
    return await Promise.race([read.then((value) => ({ value })), late]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    // A read that lost the race may still fail later: nobody waits for it any more.
    read.catch(() => undefined);
  }
}

async function cached(
  cache: Map<string, Entry>,
  key: string,
  read: () => Promise<unknown>,
  now: number,
): Promise<Locale | undefined> {
  const entry = cache.get(key);
  if (entry && entry.until > now) return entry.locale;
  const result = await withinBudget(read());
  if (!result) return entry?.locale; // stale or nothing; tried again next time
  const locale = asLocale(result.value);
  remember(cache, key, locale, now);
  return locale;
}

/** The workspace's language from setup (English until an admin picks another). */
export async function workspaceLanguage(workspaceId: string, now = Date.now()): Promise<Locale> {
  const locale = await cached(
    workspaceLanguages,
    workspaceId,
    async () => (await SetupModel.findOne({ workspaceId }, { _id: 0, language: 1 }).lean())?.language,
    now,
  );
  return locale ?? 'en';
}

/** The language `userId` sees in `workspaceId`: their choice, else the workspace's, else English. */
export async function userLanguage(workspaceId: string, userId: string | undefined, now = Date.now()): Promise<Locale> {
  if (userId) {
    const chosen = await cached(
      userChoices,
      userKey(workspaceId, userId),
      async () => (await UserLanguageModel.findOne({ workspaceId, userId }, { _id: 0, locale: 1 }).lean())?.locale,
      now,
    );
    if (chosen) return chosen;
  }
  return workspaceLanguage(workspaceId, now);
}

/** The user's own choice, if they made one this version knows (for showing it, e.g. on the App Home). */
export async function chosenLanguage(workspaceId: string, userId: string): Promise<Locale | undefined> {
  const doc = await UserLanguageModel.findOne({ workspaceId, userId }, { _id: 0, locale: 1 }).lean();
  return asLocale(doc?.locale);
}

/** Stores a user's choice; their next request (in this process at once) is in that language. */
export async function setUserLanguage(workspaceId: string, userId: string, locale: Locale): Promise<void> {
  await UserLanguageModel.updateOne(
    { workspaceId, userId },
    { $set: { locale, updatedAt: new Date() } },
    { upsert: true },
  );
  remember(userChoices, userKey(workspaceId, userId), locale, Date.now());
}

/** Forget the cached setup language of a workspace: setup was saved (see saveSetupSection). */
export function forgetWorkspaceLanguage(workspaceId: string): void {
  workspaceLanguages.delete(workspaceId);
}

/** Who a job's message goes to: one user's DM, or a channel / several people (then the workspace language). */
export type Recipient = { userId: string } | { shared: true };

/**
 * The language a job writes in (digest, reminders): a DM in the recipient's language, anything several people
 * read in the workspace's.
 */
export async function translatorForRecipient(workspaceId: string, recipient: Recipient): Promise<Translator> {
  const locale =
    'userId' in recipient ? await userLanguage(workspaceId, recipient.userId) : await workspaceLanguage(workspaceId);
  return translator(locale);
}

/** For tests: start from an empty cache. */
export function clearLanguageCache(): void {
  userChoices.clear();
  workspaceLanguages.clear();
}
