/** The Slack test harness: fake Web API + response_url catcher, signed request sender, payload builders, Block Kit checks. */
export * from './block-kit-checker';
export * from './fake-slack-api';
export type { SlackUser, UserOverride } from './fake-slack-answers';
export * from './payloads';
export * from './slack-request';
export * from './workspace-defaults';
