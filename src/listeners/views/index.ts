import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { submitContactModal } from './contact-modal.submit';
import { submitDuplicates } from './duplicates.submit';

export function register(app: App): void {
  app.view(ids.views.contactModal, submitContactModal);
  app.view(ids.views.duplicatesModal, submitDuplicates);
}
