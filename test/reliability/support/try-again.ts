/**
 * What a user does when Kontakt says "try again in a moment": the same request again. On a busy machine the
 * database bound (src/db/bounds.ts) can turn a slow moment into that answer; a test that judges each request then
 * retries it, as the user would, instead of depending on the machine's speed.
 */
import type { SlackHttpResponse } from '../../harness/slack-request';

export const TRY_AGAIN = /try again in a moment/i;

/** True when the user was told to try again (in an ack's errors, or in a reply's text). */
export const saysTryAgain = (text: string | undefined): boolean => text !== undefined && TRY_AGAIN.test(text);

/**
 * Sends the request, and again (up to `retries` more times, one after the other) while the answer says "try
 * again". Returns every answer in order; the last one is what the user finally got.
 */
export async function sendAsUserWould(
  send: () => Promise<SlackHttpResponse>,
  retries = 3,
): Promise<SlackHttpResponse[]> {
  const answers = [await send()];
  while (answers.length <= retries && saysTryAgain(answers.at(-1)!.text)) answers.push(await send());
  return answers;
}
