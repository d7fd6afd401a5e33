/** English texts, the reference language: every key exists here. Placeholders look like {name}. */
export const en = {
  'help.title': 'Kontakt — your team’s contact book in Slack',
  'help.intro': 'Use `/contact` followed by one of these:',
  'help.footer': 'Anything you type stays between you and Kontakt until you choose to share it.',
  'help.unknownSubcommand': 'I don’t know `/contact {word}`. Here is what I can do:',
  'help.sub.help': 'Show this list',
  'error.generic': 'Something went wrong on our side. Please try again in a moment.',
} as const;

export type MessageKey = keyof typeof en;
