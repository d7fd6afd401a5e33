import { z } from 'zod';

/** Slack sends at most a few thousand characters; anything longer is cut rather than refused. */
const MAX_COMMAND_TEXT = 4_000;

const contactCommandTextSchema = z
  .string()
  .catch('')
  .transform((text) => text.slice(0, MAX_COMMAND_TEXT).trim());

export interface ParsedContactCommand {
  /** First word, lower-cased; '' when the command had no text. */
  word: string;
  /** Everything after the first word, trimmed. */
  rest: string;
  /** The whole text as typed (trimmed, cut to the maximum). */
  text: string;
}

/** Splits `/contact <word> <rest>`; never throws, whatever Slack (or a forger) sent. */
export function parseContactCommand(text: unknown): ParsedContactCommand {
  const clean = contactCommandTextSchema.parse(text);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(clean);
  if (!match) return { word: '', rest: '', text: '' };
  return { word: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim(), text: clean };
}
