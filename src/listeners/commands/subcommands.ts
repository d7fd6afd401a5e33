import type { MessageKey, Translator } from '../../i18n';
import type { ParsedContactCommand } from '../../schemas/contact-command';
import { helpMessage, type SubcommandHelp } from '../../views/help.message';
import { trOf, type CommandArgs } from '../frame';

export type { CommandArgs };

export interface Subcommand {
  name: string;
  /** Other words for it, Norwegian ones included (`ny`, `søk`, `logg` …): any of them runs it. */
  aliases: string[];
  /** The usage line, in the reader's language (`/contact new [company|person]`, `/contact ny [firma|person]`). */
  usage: MessageKey;
  description: MessageKey;
  run(args: CommandArgs, parsed: ParsedContactCommand): Promise<void>;
}

/** The usage list is built from the subcommands that exist, so help never advertises what isn't there. */
export function usageLines(subcommands: Subcommand[], tr: Translator): SubcommandHelp[] {
  return subcommands.map((sub) => ({ usage: tr.t(sub.usage), description: tr.t(sub.description) }));
}

export async function replyWithHelp(args: CommandArgs, subcommands: Subcommand[]): Promise<void> {
  const tr = trOf(args);
  const message = helpMessage(usageLines(subcommands, tr), tr);
  // The reply travels in the ack: fastest path, and ephemeral so only the caller sees it.
  await args.ack({ response_type: 'ephemeral', ...message });
}

/** An ephemeral answer to the command's caller. */
export async function reply(args: CommandArgs, message: { text: string; blocks?: unknown[] }): Promise<void> {
  await args.respond({ response_type: 'ephemeral', ...message } as Parameters<CommandArgs['respond']>[0]);
}
