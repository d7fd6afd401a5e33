import { translator, type Translator } from '../../i18n';
import { userText } from '../contact/text';

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
/** Beyond this many, a list of people ends in "and N more": a summary, not a directory. */
const MENTIONS_SHOWN = 10;

/** `<@U123>` for a Slack user id; anything else (a stored value gone wrong) is shown as text, never as markup. */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : userText(userId, 30);
}

/** `<@U1>, <@U2> and 3 more`; empty string for nobody. */
export function mentions(
  userIds: readonly string[],
  max: number = MENTIONS_SHOWN,
  tr: Translator = translator('en'),
): string {
  const unique = [...new Set(userIds)];
  const shown = unique.slice(0, max).map(mention).join(', ');
  return unique.length > max ? tr.t('setup.mentions.more', { list: shown, count: unique.length - max }) : shown;
}
