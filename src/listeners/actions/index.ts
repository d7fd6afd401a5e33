import type { App, BlockAction, ButtonAction, RadioButtonsAction } from '@slack/bolt';
import { ids } from '../../ids';
import { addPerson, editContact, removeContact, shareContact, viewContact } from './contact-card.actions';
import { switchContactType } from './contact-type.action';
import { markNotDuplicate, openExisting } from './duplicates.actions';
import { turnSearchPage } from './search-page.action';

export function register(app: App): void {
  app.action<BlockAction<RadioButtonsAction>>(ids.actions.contactTypeChanged, switchContactType);
  app.action<BlockAction<ButtonAction>>(ids.actions.viewContact, viewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.editContact, editContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.addPerson, addPerson);
  app.action<BlockAction<ButtonAction>>(ids.actions.shareContact, shareContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.deleteContact, removeContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.searchPage, turnSearchPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.openExisting, openExisting);
  app.action<BlockAction<ButtonAction>>(ids.actions.notDuplicate, markNotDuplicate);
}
