import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { openNewContact } from './new-contact.shortcut';

export function register(app: App): void {
  app.shortcut({ callback_id: ids.shortcuts.newContact, type: 'shortcut' }, openNewContact);
}
