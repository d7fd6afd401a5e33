import type { Actor } from '../../src/services/people/permissions.service';

/**
 * Who acts in a service test, without Slack: what users.info and setup would have said about them. (End-to-end
 * tests go through the real thing: the fake Slack's users and the setup roles.)
 */
export function actor(userId: string, options: { admin?: boolean; names?: Record<string, string> } = {}): Actor {
  return {
    userId,
    isAdmin: async () => options.admin ?? false,
    nameOf: async (id) => options.names?.[id] ?? id,
  };
}
