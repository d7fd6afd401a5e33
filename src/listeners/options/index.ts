import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { suggestCompaniesForPicker, suggestContactsForPicker } from './contact-picker.options';
import { suggestMergeCandidates } from './merge-pick.options';
import { suggestTimeZones } from './time-zone.options';
import { suggestRegisterCompanies } from './register-picker.options';

export function register(app: App): void {
  app.options({ action_id: ids.actions.contactPicker }, suggestContactsForPicker);
  app.options({ action_id: ids.actions.companyPicker }, suggestCompaniesForPicker);
  app.options({ action_id: ids.actions.homeContactPicked }, suggestContactsForPicker);
  app.options({ action_id: ids.actions.setupTimeZone }, suggestTimeZones);
  app.options({ action_id: ids.actions.registerPicker }, suggestRegisterCompanies);
  app.options({ action_id: ids.merge.actions.pick }, suggestMergeCandidates);
}
