import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import { registerFallbacks } from './fallbacks';
import * as options from './options';
import * as shortcuts from './shortcuts';
import * as views from './views';

/** One register() per Slack surface folder. */
export function registerListeners(app: App): void {
  commands.register(app);
  shortcuts.register(app);
  actions.register(app);
  views.register(app);
  options.register(app);
  events.register(app);
  registerFallbacks(app);
}
