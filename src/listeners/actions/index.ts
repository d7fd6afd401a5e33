import type {
  App,
  BlockAction,
  ButtonAction,
  ExternalSelectAction,
  OverflowAction,
  RadioButtonsAction,
} from '@slack/bolt';
import { ids } from '../../ids';
import { addPerson, editContact, removeContact, shareContact, viewContact } from './contact-card.actions';
import { switchContactType } from './contact-type.action';
import { restoreContact, undoDelete } from './deleted-contacts.actions';
import { homeContactPicked, homeLogVisit, homeNewContact, homeSearch, homeSetup } from './home.actions';
import { markNotDuplicate, openExisting } from './duplicates.actions';
import { openImportMapping, undoImportAction } from './import.actions';
import { turnSearchPage } from './search-page.action';
import { cancelVisitAction, editVisit, logVisitForContact, showAllVisits, turnVisitPage } from './visit.actions';
import {
  addDuplicateRow,
  addSetupType,
  openSetupAudit,
  openSetupSection,
  removeDuplicateRow,
  setupTypeMenu,
} from './setup.actions';

export function register(app: App): void {
  app.action<BlockAction<RadioButtonsAction>>(ids.actions.contactTypeChanged, switchContactType);
  app.action<BlockAction<ButtonAction>>(ids.actions.viewContact, viewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.editContact, editContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.addPerson, addPerson);
  app.action<BlockAction<ButtonAction>>(ids.actions.shareContact, shareContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.deleteContact, removeContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.restoreContact, restoreContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.undoDelete, undoDelete);
  app.action<BlockAction<ButtonAction>>(ids.actions.searchPage, turnSearchPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.openExisting, openExisting);
  app.action<BlockAction<ButtonAction>>(ids.actions.notDuplicate, markNotDuplicate);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupOpenSection, openSetupSection);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupOpenAudit, openSetupAudit);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupAddDuplicateRow, addDuplicateRow);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupRemoveDuplicateRow, removeDuplicateRow);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupTypeAdd, addSetupType);
  app.action<BlockAction<OverflowAction>>(ids.actions.setupTypeMenu, setupTypeMenu);
  app.action<BlockAction<ButtonAction>>(ids.actions.logVisit, logVisitForContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.editVisit, editVisit);
  app.action<BlockAction<ButtonAction>>(ids.actions.cancelVisit, cancelVisitAction);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitShowAll, showAllVisits);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitPage, turnVisitPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeNewContact, homeNewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeLogVisit, homeLogVisit);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeSearch, homeSearch);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeSetup, homeSetup);
  app.action<BlockAction<ExternalSelectAction>>(ids.actions.homeContactPicked, homeContactPicked);
  app.action<BlockAction<ButtonAction>>(ids.importField.actions.changeMapping, openImportMapping);
  app.action<BlockAction<ButtonAction>>(ids.importField.actions.undo, undoImportAction);
}
