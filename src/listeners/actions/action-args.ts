import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { t } from '../../i18n';
import { noticeModal } from '../../views/notice.modal';
import { isTriggerError } from '../shared/slack-errors';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The view the click came from, when it came from a modal (then new views are pushed, not opened). */
export function sourceView(body: BlockAction): { id: string; hash: string } | undefined {
  return body.view ? { id: body.view.id, hash: body.view.hash } : undefined;
}

/** Tells the clicking user something: in place of the modal they are in, else ephemerally via response_url. */
export async function tell(args: ButtonArgs, text: string): Promise<void> {
  const view = sourceView(args.body);
  if (view)
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: noticeModal({ title: 'Kontakt', text }),
    });
  else await args.respond({ response_type: 'ephemeral', replace_original: false, text });
}

/** Ack first; if the work fails, log it and tell the user to try again (a trigger that expired says so). */
export async function guarded(args: ButtonArgs, what: string, work: () => Promise<void>): Promise<void> {
  await args.ack();
  try {
    await work();
  } catch (error) {
    args.logger.warn(`${what} failed: ${(error as Error).message}`);
    await tell(args, t(isTriggerError(error) ? 'error.triggerExpired' : 'error.tryAgain')).catch(() => undefined);
  }
}

type ModalView = Parameters<ButtonArgs['client']['views']['open']>[0]['view'];

/** A modal for a click: pushed over the modal the click came from, else opened with the trigger. */
export async function openOrPush(args: ButtonArgs, view: ModalView): Promise<void> {
  if (sourceView(args.body)) await args.client.views.push({ trigger_id: args.body.trigger_id, view });
  else await args.client.views.open({ trigger_id: args.body.trigger_id, view });
}
