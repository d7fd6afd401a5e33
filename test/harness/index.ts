/**
 * The Slack test harness: fake Web API + response_url catcher, fake Socket Mode, signed request sender and
 * Socket Mode sender (one SlackSender interface), payload builders, Block Kit checks.
 */
export * from './block-kit-checker';
export * from './fake-slack-api';
export type { SlackUser, UserOverride } from './fake-slack-answers';
export * from './fake-socket-mode';
export * from './payloads';
export * from './slack-request';
export * from './slack-sender';
export * from './socket-mode-sender';
export * from './workspace-defaults';
