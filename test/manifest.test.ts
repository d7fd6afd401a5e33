import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ids } from '../src/ids';
import { botScopes } from '../src/oauth/scopes';

// Slack's published manifest schema (draft-07, MIT), copied into the repo so tests never read outside it.
const schema = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures/slack-manifest-schema/manifest.schema.1.0.0.json'), 'utf8'),
);
const readManifest = (file: string) => parse(readFileSync(path.join(__dirname, '..', file), 'utf8'));
const manifest = readManifest('manifest.yml');
const socketManifest = readManifest('manifest.socket-mode.yml');

// `regex` is a non-standard keyword in Slack's schema, hence strict: false.
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

describe('manifest.yml', () => {
  it('validates against Slack’s published manifest schema', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the same check when it breaks a Slack limit (the check can fail)', () => {
    const broken = structuredClone(manifest);
    broken.features.shortcuts[0].name = 'A shortcut name longer than 24';
    broken.settings.unknown_setting = true;
    expect(validate(broken)).toBe(false);
  });

  it('declares the command and shortcut callback ids the listeners use', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([ids.commands.contact]);
    const shortcuts = Object.fromEntries(
      manifest.features.shortcuts.map((s: { type: string; callback_id: string }) => [s.callback_id, s.type]),
    );
    expect(shortcuts).toEqual({
      [ids.shortcuts.newContact]: 'global',
      [ids.shortcuts.logVisit]: 'message',
      [ids.shortcuts.logVisitGlobal]: 'global',
    });
  });

  it('has interactivity, the options-load URL and the events Kontakt handles', () => {
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity.message_menu_options_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for exactly the scopes the OAuth install requests', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(botScopes);
    expect(manifest.oauth_config.redirect_urls).toEqual([expect.stringMatching(/\/slack\/oauth_redirect$/)]);
  });

  it('asks only for the bot scopes the README justifies', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const scope of manifest.oauth_config.scopes.bot as string[]) {
      expect(readme).toContain(`\`${scope}\``);
    }
  });
});

describe('manifest.socket-mode.yml', () => {
  it('validates against Slack’s published manifest schema', () => {
    const valid = validate(socketManifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('turns Socket Mode on and carries no URL to replace', () => {
    expect(socketManifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketManifest)).not.toMatch(/https?:\/\//);
  });

  it('is manifest.yml without its URLs: the same commands, shortcuts, events, scopes and settings', () => {
    const withoutUrls = structuredClone(manifest);
    for (const command of withoutUrls.features.slash_commands) delete command.url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    delete withoutUrls.settings.interactivity.message_menu_options_url;
    delete withoutUrls.oauth_config.redirect_urls;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(socketManifest).toEqual(withoutUrls);
  });
});
