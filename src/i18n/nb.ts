import type { MessageKey } from './en';

/** Norwegian Bokmål: filled in as translations arrive; a missing key falls back to English. */
export const nb: Partial<Record<MessageKey, string>> = {
  'help.sub.help': 'Vis denne listen',
  'count.contact': '{count, plural, one {# kontakt} other {# kontakter}}',
  'count.visit': '{count, plural, one {# besøk} other {# besøk}}',
  'format.week': 'uke {week}',
};
