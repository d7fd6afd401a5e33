import type { PlainTextOption } from '@slack/types';
import type { CodeListEntry } from '../../services/setup/setup.types';
import { charLength, plain, SLACK } from './text';

/** `MANU — Manufacturing`: the code first, since that is what the card and NAV users know it by. */
function codeOption(entry: CodeListEntry): PlainTextOption {
  const description = entry.description.trim();
  const label = description && description !== entry.code ? `${entry.code} — ${description}` : entry.code;
  return { text: plain(label, SLACK.optionText), value: entry.code };
}

/**
 * Options for a setup code list: each code once, codes Slack could not carry as a value left out, and no more
 * than a select can hold. An empty list means the field is not shown (a select needs at least one option).
 */
export function codeOptions(entries: CodeListEntry[]): PlainTextOption[] {
  const seen = new Set<string>();
  const options: PlainTextOption[] = [];
  for (const entry of entries) {
    const code = entry.code.trim();
    if (code === '' || charLength(code) > SLACK.optionValue || seen.has(code.toUpperCase())) continue;
    seen.add(code.toUpperCase());
    options.push(codeOption({ code, description: entry.description }));
    if (options.length === SLACK.selectOptions) break;
  }
  return options;
}

/**
 * The options among `options` whose codes are in `codes`, as Slack wants initial options: the very same objects.
 * A code that is no longer in the list is dropped, since Slack refuses an initial option it does not offer.
 */
export function selectedOptions(
  options: PlainTextOption[],
  codes: readonly string[] | string | undefined,
): PlainTextOption[] {
  const wanted = new Set(
    (typeof codes === 'string' ? [codes] : (codes ?? [])).map((code) => code.trim().toUpperCase()),
  );
  return options.filter((option) => option.value !== undefined && wanted.has(option.value.toUpperCase()));
}
