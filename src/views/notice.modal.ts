import type { ModalView } from '@slack/types';

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A modal that only says something (a result, or why something could not be done). */
export function noticeModal(args: {
  title: string;
  text: string;
  submit?: string;
  callbackId?: string;
  privateMetadata?: string;
}): ModalView {
  return {
    type: 'modal',
    ...(args.callbackId ? { callback_id: args.callbackId } : {}),
    ...(args.privateMetadata ? { private_metadata: args.privateMetadata } : {}),
    title: { type: 'plain_text', text: cut(args.title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    ...(args.submit ? { submit: { type: 'plain_text', text: cut(args.submit, 24) } } : {}),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: cut(args.text, 3000) } }],
  };
}
