import { t, type MessageKey } from '../../i18n';
import type { ParsedContactCommand } from '../../schemas/contact-command';
import { helpMessage, type SubcommandHelp } from '../../views/help.message';
import type { CommandArgs } from '../frame';

export type { CommandArgs };

export interface Subcommand {
  name: string;
  aliases: string[];
  usage: string;
  description: MessageKey;
  run(args: CommandArgs, parsed: ParsedContactCommand): Promise<void>;
}

/** The usage list is built from the subcommands that exist, so help never advertises what isn't there. */
export function usageLines(subcommands: Subcommand[]): SubcommandHelp[] {
  return subcommands.map((sub) => ({ usage: sub.usage, description: t(sub.description) }));
}

export async function replyWithHelp(args: CommandArgs, subcommands: Subcommand[]): Promise<void> {
  const message = helpMessage(usageLines(subcommands));
  // The reply travels in the ack: fastest path, and ephemeral so only the caller sees it.
  await args.ack({ response_type: 'ephemeral', ...message });
}

/** An ephemeral answer to the command's caller. */
export async function reply(args: CommandArgs, message: { text: string; blocks?: unknown[] }): Promise<void> {
  await args.respond({ response_type: 'ephemeral', ...message } as Parameters<CommandArgs['respond']>[0]);
}
