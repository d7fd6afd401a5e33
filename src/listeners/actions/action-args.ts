import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The view the click came from, when it came from a modal (then new views are pushed, not opened). */
export function sourceView(body: BlockAction): { id: string; hash: string } | undefined {
  return body.view ? { id: body.view.id, hash: body.view.hash } : undefined;
}
