import type { MessageKey } from './en';

/** Norwegian Bokmål: filled in as translations arrive; a missing key falls back to English. */
export const nb: Partial<Record<MessageKey, string>> = {
  'help.sub.help': 'Vis denne listen',
  // Contact card: the ⋯ menus, visit view, sharing to a channel (issue 13, points 1 and 3).
  'card.menu.edit': 'Rediger',
  'card.menu.addPerson': 'Legg til person',
  'card.menu.share': 'Del i kanal',
  'card.menu.delete': 'Slett …',
  'card.openCompany': 'Åpne firma',
  'card.notice.saved': ':white_check_mark: Lagret.',
  'card.delete.deny': 'Behold',
  'visits.menu.view': 'Vis',
  'visits.menu.edit': 'Rediger',
  'visits.menu.cancel': 'Avlys besøk …',
  'visitDetail.title': 'Besøk',
  'visitDetail.close': 'Lukk',
  'visitDetail.header': '{type} · {contact}',
  'visitDetail.outcome.successful': 'Vellykket',
  'visitDetail.outcome.failed': 'Forsøk mislyktes',
  'visitDetail.noDescription': '_Ingen beskrivelse._',
  'visitDetail.cancelled':
    ':no_entry_sign: Avlyst av {user}. Besøket står fortsatt i historikken, men telles ikke lenger.',
  'visitDetail.source': '<{url}|Meldingen besøket ble registrert fra>',
  'share.text': '{user} delte {name} ({no})',
  'share.sharedBy': 'Delt av {user}',
  'share.at': '{type} i {company}',
  'share.view': 'Vis i Kontakt',
  'share.off':
    'Deling av kontakter i kanaler er slått av i oppsettet for Kontakt. En administrator kan slå det på under /contact setup.',
  'share.noChannel': 'Åpne kontakten i kanalen du vil dele den i (`/contact <navn>` der), og del den derfra.',
  'share.error.notInChannel':
    'Kontakt er ikke medlem av denne kanalen og kan ikke skrive her. Legg den til med `/invite @Kontakt`, og del på nytt.',
  'share.error.channelNotFound':
    'Kontakt ser ikke denne kanalen (den kan være privat, eller en samtale Kontakt ikke er med i). Legg Kontakt til, eller del i en annen kanal.',
  'share.error.archived': 'Denne kanalen er arkivert, så ingenting kan publiseres i den.',
  'share.error.restricted': 'Bare enkelte medlemmer kan skrive i denne kanalen, og Kontakt er ikke blant dem.',
  'share.error.other': 'Slack lot ikke Kontakt skrive i denne kanalen ({reason}). Prøv en annen kanal.',
};
