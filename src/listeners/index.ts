import type { App } from '@slack/bolt';
import * as commands from './commands';

/** One register() per Slack surface folder. */
export function registerListeners(app: App): void {
  commands.register(app);
}
