import type { MessageKey } from './en';

/** Norwegian Bokmål: filled in as translations arrive; a missing key falls back to English. */
export const nb: Partial<Record<MessageKey, string>> = {
  'help.sub.help': 'Vis denne listen',
};
