import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '@slack/bolt';

export interface UserMessage {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Tells one user something: ephemeral in the channel they acted in when there is one, else in Kontakt's DM with
 * them (chat.postMessage to a user id). If the channel refuses (the app is not in it), the DM is the fallback.
 */
export async function notifyUser(
  client: WebClient,
  logger: Logger,
  target: { userId: string; channelId?: string },
  message: UserMessage,
): Promise<void> {
  if (target.channelId && !target.channelId.startsWith('D')) {
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...message });
      return;
    } catch (error) {
      logger.warn(`Ephemeral message refused in a channel, sending a DM instead: ${(error as Error).message}`);
    }
  }
  await client.chat.postMessage({ channel: target.userId, ...message });
}
