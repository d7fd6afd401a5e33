import type { App } from '@slack/bolt';
import { publishHome } from './app-home.event';

export function register(app: App): void {
  app.event('app_home_opened', publishHome);
}
