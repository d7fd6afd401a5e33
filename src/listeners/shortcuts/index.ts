import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { openLogVisitFromMenu, openLogVisitFromMessage } from './log-visit.shortcut';
import { openNewContact } from './new-contact.shortcut';

export function register(app: App): void {
  app.shortcut({ callback_id: ids.shortcuts.newContact, type: 'shortcut' }, openNewContact);
  app.shortcut({ callback_id: ids.shortcuts.logVisit, type: 'message_action' }, openLogVisitFromMessage);
  app.shortcut({ callback_id: ids.shortcuts.logVisitGlobal, type: 'shortcut' }, openLogVisitFromMenu);
}
