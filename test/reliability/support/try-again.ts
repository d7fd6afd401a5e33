/**
 * What a user does when Kontakt says its database could not be reached, "try again in a moment": the same request
 * again. On a busy machine the database bound (src/db/bounds.ts) can turn a slow moment into that answer; a test
 * that judges each request then retries it, as the user would, instead of depending on the machine's speed.
 */
import { t } from '../../../src/i18n';
import type { SlackHttpResponse } from '../../harness/slack-request';

/** "Kontakt could not reach its database just now. Please try again in a moment." — for database failures only. */
export const DATABASE_TRY_AGAIN = t('error.database');

/** "Kontakt could not finish this in time just now. It may still go through…" — a submission past Slack's deadline. */
export const TOO_SLOW_TRY_AGAIN = t('error.tooSlow');

/**
 * True when the user was told to try again (in an ack's errors, or a reply): the database was unreachable, or a
 * submission could not be finished before Slack's deadline (listeners/frame.ts: guardedSubmit).
 */
export const saysTryAgain = (text: string | undefined): boolean =>
  text !== undefined && (text.includes(DATABASE_TRY_AGAIN) || text.includes(TOO_SLOW_TRY_AGAIN));

/**
 * Sends the request, and again (up to `retries` more times, "in a moment": 0.5 s, then 1, 2, 4 s later) while the
 * answer says "try again". Returns every answer in order; the last one is what the user finally got.
 */
export async function sendAsUserWould(
  send: () => Promise<SlackHttpResponse>,
  retries = 5,
): Promise<SlackHttpResponse[]> {
  const answers = [await send()];
  for (let wait = 500; answers.length <= retries && saysTryAgain(answers.at(-1)!.text); wait *= 2) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(await send());
  }
  return answers;
}
