import type { App } from '@slack/bolt';
import { publishHome } from './app-home.event';
import { forgetWorkspace } from './uninstall.event';

export function register(app: App): void {
  app.event('app_home_opened', publishHome);
  app.event('app_uninstalled', forgetWorkspace);
  app.event('tokens_revoked', forgetWorkspace);
}
