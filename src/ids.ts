/**
 * Every identifier Slack echoes back to us (commands, callback_ids, action_ids, block_ids) lives here,
 * so a listener and the view that produces its payload can never drift apart.
 * manifest.yml repeats the command and shortcut callback ids; a test keeps the two in step.
 */
export const ids = {
  commands: {
    contact: '/contact',
  },
  shortcuts: {
    newContact: 'new_contact',
    logVisit: 'log_visit',
  },
} as const;
