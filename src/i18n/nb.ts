import type { MessageKey } from './en';

/** Norwegian Bokmål: filled in as translations arrive; a missing key falls back to English. */
export const nb: Partial<Record<MessageKey, string>> = {
  'help.sub.help': 'Vis denne listen',
  // Forms and small things (issue 13, points 7 and 8).
  'contact.field.independent': 'Arbeidssted',
  'contact.placeholder.companyName': 'Firmaets navn',
  'contact.placeholder.personName': 'Fornavn og etternavn',
  'contact.placeholder.address': 'Gate og nummer',
  'contact.hint.company': 'Skriv noen bokstaver av firmanavnet eller Nr.',
  'contact.employment.company': 'I et firma',
  'contact.employment.independent': 'Selvstendig',
  'contact.modal.moreDetails': 'Flere detaljer',
  'contact.modal.moreDetailsHint': 'Adresse, mobiltelefon, hjemmeside, koder og mer.',
  'contact.inherited.line': '{label}: {value} — fra {company}',
  'contact.inherited.intro': 'Hentes fra firmaet med mindre du endrer det:',
  'contact.inherited.change': 'Endre',
  'contact.hint.salespersonFromCompany': 'La feltet stå tomt for å bruke firmaets selger.',
  'command.unknown':
    '`{word}` er verken en kommando eller navnet på en kontakt. `/contact help` viser hva du kan gjøre:',
  'search.unknownFilters': 'Jeg så bort fra {words} — filtrene er `type:`, `city:`, `owner:` og `industry:`.',
  'search.create': 'Opprett «{name}»',
  'reminder.done': 'Ferdig',
  'reminder.snooze': 'Utsett (i morgen)',
  'reminder.logFollowUp': 'Registrer oppfølging',
  'reminder.doneText': 'Oppfølgingen av {who} er merket som ferdig.',
  'reminder.snoozedText': 'Utsatt: Jeg minner deg på {who} igjen i morgen kl. {time}.',
  'reminder.error.gone': 'Besøket er annullert eller slettet, så det er ingenting å følge opp.',
  'reminder.error.notYours': 'Bare selgeren som fikk denne påminnelsen, kan endre den.',
};
