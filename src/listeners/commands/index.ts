import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { handleContactCommand } from './contact.command';

export function register(app: App): void {
  app.command(ids.commands.contact, handleContactCommand);
}
