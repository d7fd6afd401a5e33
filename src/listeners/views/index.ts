import { submitRegisterUpdate } from './register-update.submit';
import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { submitContactModal } from './contact-modal.submit';
import { submitDuplicates } from './duplicates.submit';
import { submitMerge, submitMergePick } from './merge.submit';
import { submitImportMapping, submitImportPreview, submitImportUpload } from './import.submit';
import { submitLogVisit } from './log-visit.submit';
import { submitSetupSection } from './setup-section.submit';
import { submitSetupType } from './setup-type.submit';
import { submitOppSetupSection, submitSalesCycle } from './opportunity-setup.submit';
import { submitNewOpportunity, submitOpportunityClose, submitOpportunityUpdate } from './opportunity.submit';
import { submitSnoozeModal, submitTaskCancel, submitTaskEdit, submitTaskModal } from './task-modal.submit';

export function register(app: App): void {
  app.view(ids.views.contactModal, submitContactModal);
  app.view(ids.views.registerUpdateModal, submitRegisterUpdate);
  app.view(ids.views.duplicatesModal, submitDuplicates);
  app.view(ids.merge.modal, submitMerge);
  app.view(ids.merge.pickModal, submitMergePick);
  app.view(ids.views.setupSection, submitSetupSection);
  app.view(ids.views.setupType, submitSetupType);
  app.view(ids.views.oppSetupSection, submitOppSetupSection);
  app.view(ids.views.oppSetupCycle, submitSalesCycle);
  app.view(ids.views.logVisitModal, submitLogVisit);
  app.view(ids.importField.views.upload, submitImportUpload);
  app.view(ids.importField.views.preview, submitImportPreview);
  app.view(ids.importField.views.mapping, submitImportMapping);
  app.view(ids.opportunity.views.create, submitNewOpportunity);
  app.view(ids.opportunity.views.update, submitOpportunityUpdate);
  app.view(ids.opportunity.views.close, submitOpportunityClose);
  app.view(ids.task.views.modal, submitTaskModal);
  app.view(ids.task.views.snooze, submitSnoozeModal);
  app.view(ids.task.views.edit, submitTaskEdit);
  app.view(ids.task.views.cancel, submitTaskCancel);
}
