import type { App } from '@slack/bolt';
import { ids } from '../ids';
import { trOf } from './frame';

const knownActions = new Set<string>([
  ...Object.values(ids.actions),
  ...Object.values(ids.importField.actions),
  ...Object.values(ids.opportunity.actions),
  ...Object.values(ids.task.actions),
  ...Object.values(ids.merge.actions),
]);
const knownViews = new Set<string>([
  ...Object.values(ids.views),
  ...Object.values(ids.importField.views),
  ...Object.values(ids.opportunity.views),
  ...Object.values(ids.task.views),
  ids.merge.modal,
  ids.merge.pickModal,
]);
const knownOptions = new Set<string>([
  ids.actions.contactPicker,
  ids.actions.companyPicker,
  ids.actions.homeContactPicked,
  ids.actions.setupTimeZone,
  ids.actions.registerPicker,
  ids.merge.actions.pick,
]);
const knownShortcuts = new Set<string>(Object.values(ids.shortcuts));

/**
 * Registered last: every interaction no listener of ours matches (a button on a message from an older release,
 * a renamed callback) is still acknowledged within Slack's 3 s, instead of Slack showing its own failure. Bolt runs
 * every matching listener, so these stand aside for the ids we know.
 */
export function registerFallbacks(app: App): void {
  app.action(/.*/, async (args) => {
    const { action, ack, respond, body } = args;
    if ('action_id' in action && knownActions.has(action.action_id)) return;
    await ack();
    if ('response_url' in body && typeof body.response_url === 'string') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: trOf(args).t('error.retiredButton'),
      }).catch(() => undefined);
    }
  });
  app.view(/.*/, async ({ view, ack }) => {
    if (knownViews.has(view.callback_id)) return;
    await ack();
  });
  app.options(/.*/, async ({ payload, ack }) => {
    if ('action_id' in payload && knownOptions.has(payload.action_id)) return;
    await ack({ options: [] });
  });
  app.command(/.*/, async ({ command, ack }) => {
    if (command.command === ids.commands.contact) return;
    await ack();
  });
  app.shortcut(/.*/, async ({ shortcut, ack }) => {
    if (knownShortcuts.has(shortcut.callback_id)) return;
    await ack();
  });
}
