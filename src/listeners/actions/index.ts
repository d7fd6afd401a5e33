import { openMerge, undoMergeClick } from './merge.actions';
import type {
  App,
  BlockAction,
  ButtonAction,
  ExternalSelectAction,
  OverflowAction,
  RadioButtonsAction,
  StaticSelectAction,
} from '@slack/bolt';
import { ids } from '../../ids';
import {
  addPerson,
  contactChanges,
  contactMenu,
  editContact,
  removeContact,
  shareContact,
  viewContact,
} from './contact-card.actions';
import {
  changeInherited,
  pickCompany,
  pickRegisterCompany,
  showMoreDetails,
  switchContactType,
  switchEmployment,
} from './contact-modal.actions';
import { restoreContact, undoDelete } from './deleted-contacts.actions';
import { openRegisterUpdate } from './register.actions';
import { privacyAskErase, privacyCancel, privacyErase, privacyExport, privacyPurge } from './privacy.actions';
import { homeContactPicked, homeLanguage, homeLogVisit, homeNewContact, homeSearch, homeSetup } from './home.actions';
import { markNotDuplicate, openExisting } from './duplicates.actions';
import { rescanDuplicates, separateDuplicatePair, turnDuplicatePage } from './duplicate-list.actions';
import { reminderDone, reminderLogFollowUp, reminderSnooze } from './reminder.actions';
import { addTaskForContact, addTaskForOpportunity, taskDone, taskMenu, taskSnooze } from './task.actions';
import { createFromSearch, turnSearchPage } from './search-page.action';
import { openImportMapping, undoImportAction } from './import.actions';
import {
  cancelVisitAction,
  cardBack,
  editVisit,
  logVisitForContact,
  showAllVisits,
  turnVisitPage,
  visitMenu,
} from './visit.actions';
import {
  moveToStage,
  newOpportunityForContact,
  nextStage,
  openClose,
  openUpdate,
  reopenOpportunity,
  viewOpportunity,
} from './opportunity.actions';
import { openSalespersonWeek, openTeamReport, openVisitDetail } from './visits-report.actions';
import {
  addDuplicateRow,
  addSetupType,
  applyNorwegianDefaults,
  openSetupAudit,
  openSetupSection,
  removeDuplicateRow,
  setupTypeMenu,
} from './setup.actions';
import { addSalesCycle, openOppSetupSection, salesCycleMenu } from './opportunity-setup.actions';

export function register(app: App): void {
  app.action<BlockAction<RadioButtonsAction>>(ids.actions.contactTypeChanged, switchContactType);
  app.action<BlockAction<RadioButtonsAction>>(ids.actions.contactEmploymentChanged, switchEmployment);
  app.action<BlockAction<ExternalSelectAction>>(ids.actions.companyPicker, pickCompany);
  app.action<BlockAction<ExternalSelectAction>>(ids.actions.registerPicker, pickRegisterCompany);
  app.action<BlockAction<ButtonAction>>(ids.actions.registerUpdate, openRegisterUpdate);
  app.action<BlockAction<ButtonAction>>(ids.actions.contactMoreDetails, showMoreDetails);
  app.action<BlockAction<ButtonAction>>(ids.actions.contactChangeInherited, changeInherited);
  app.action<BlockAction<ButtonAction>>(ids.actions.viewContact, viewContact);
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ids.actions.viewPersonPrefix}\\d{1,2}$`), viewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.editContact, editContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.addPerson, addPerson);
  app.action<BlockAction<ButtonAction>>(ids.actions.shareContact, shareContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.deleteContact, removeContact);
  // A ⋯ menu with a single entry is drawn as a button under the same action id: one listener takes both.
  app.action(ids.actions.contactChanges, contactChanges);
  app.action<BlockAction<OverflowAction | ButtonAction>>(ids.actions.contactMenu, (args) =>
    contactMenu(args as Parameters<typeof contactMenu>[0]),
  );
  app.action<BlockAction<OverflowAction | ButtonAction>>(ids.actions.visitMenu, (args) =>
    visitMenu(args as Parameters<typeof visitMenu>[0]),
  );
  app.action<BlockAction<ButtonAction>>(ids.actions.contactCardBack, cardBack);
  app.action<BlockAction<ButtonAction>>(ids.privacy.actions.export, privacyExport);
  app.action<BlockAction<ButtonAction>>(ids.privacy.actions.askErase, privacyAskErase);
  app.action<BlockAction<ButtonAction>>(ids.privacy.actions.erase, privacyErase);
  app.action<BlockAction<ButtonAction>>(ids.privacy.actions.cancel, privacyCancel);
  app.action<BlockAction<ButtonAction>>(ids.privacy.actions.purge, privacyPurge);
  app.action<BlockAction<ButtonAction>>(ids.actions.restoreContact, restoreContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.undoDelete, undoDelete);
  app.action<BlockAction<ButtonAction>>(ids.actions.searchPage, turnSearchPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.searchPageBack, turnSearchPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.searchCreateContact, createFromSearch);
  app.action<BlockAction<ButtonAction>>(ids.task.actions.done, taskDone);
  app.action<BlockAction<StaticSelectAction>>(ids.task.actions.snooze, taskSnooze);
  app.action<BlockAction<ButtonAction>>(ids.task.actions.add, addTaskForContact);
  app.action<BlockAction<OverflowAction>>(ids.task.actions.menu, taskMenu);
  app.action<BlockAction<ButtonAction>>(ids.task.actions.addForOpportunity, addTaskForOpportunity);
  app.action<BlockAction<ButtonAction>>(ids.actions.reminderDone, reminderDone);
  app.action<BlockAction<ButtonAction>>(ids.actions.reminderSnooze, reminderSnooze);
  app.action<BlockAction<ButtonAction>>(ids.actions.reminderLogFollowUp, reminderLogFollowUp);
  app.action<BlockAction<ButtonAction>>(ids.actions.openExisting, openExisting);
  app.action<BlockAction<ButtonAction>>(ids.actions.notDuplicate, markNotDuplicate);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListPage, turnDuplicatePage);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListPageBack, turnDuplicatePage);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListOpenFirst, viewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListOpenSecond, viewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListSeparate, separateDuplicatePair);
  app.action<BlockAction<ButtonAction>>(ids.actions.duplicateListRescan, rescanDuplicates);
  app.action<BlockAction<ButtonAction>>(ids.merge.actions.fromList, openMerge);
  app.action<BlockAction<ButtonAction>>(ids.merge.actions.fromCard, openMerge);
  app.action<BlockAction<ButtonAction>>(ids.merge.actions.undo, undoMergeClick);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupOpenSection, openSetupSection);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupOpenAudit, openSetupAudit);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupAddDuplicateRow, addDuplicateRow);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupRemoveDuplicateRow, removeDuplicateRow);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupTypeAdd, addSetupType);
  app.action<BlockAction<OverflowAction>>(ids.actions.setupTypeMenu, setupTypeMenu);
  app.action<BlockAction<ButtonAction>>(ids.actions.setupNorwegianDefaults, applyNorwegianDefaults);
  app.action<BlockAction<ButtonAction>>(ids.actions.oppSetupOpen, openOppSetupSection);
  app.action<BlockAction<ButtonAction>>(ids.actions.oppSetupCycleAdd, addSalesCycle);
  app.action<BlockAction<OverflowAction>>(ids.actions.oppSetupCycleMenu, salesCycleMenu);
  app.action<BlockAction<ButtonAction>>(ids.actions.logVisit, logVisitForContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.editVisit, editVisit);
  app.action<BlockAction<ButtonAction>>(ids.actions.cancelVisit, cancelVisitAction);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitShowAll, showAllVisits);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitPage, turnVisitPage);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeNewContact, homeNewContact);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeLogVisit, homeLogVisit);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeSearch, homeSearch);
  app.action<BlockAction<ButtonAction>>(ids.actions.homeSetup, homeSetup);
  app.action<BlockAction<StaticSelectAction>>(ids.actions.homeLanguage, homeLanguage);
  app.action<BlockAction<ExternalSelectAction>>(ids.actions.homeContactPicked, homeContactPicked);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitsOpenWeek, openSalespersonWeek);
  app.action<BlockAction<ButtonAction>>(ids.actions.visitsOpenTeam, openTeamReport);
  app.action<BlockAction<StaticSelectAction>>(ids.actions.visitsOpenVisit, openVisitDetail);
  app.action<BlockAction<ButtonAction>>(ids.importField.actions.changeMapping, openImportMapping);
  app.action<BlockAction<ButtonAction>>(ids.importField.actions.undo, undoImportAction);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.create, newOpportunityForContact);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.view, viewOpportunity);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.next, nextStage);
  app.action<BlockAction<StaticSelectAction>>(ids.opportunity.actions.move, moveToStage);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.update, openUpdate);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.close, openClose);
  app.action<BlockAction<ButtonAction>>(ids.opportunity.actions.reopen, reopenOpportunity);
}
