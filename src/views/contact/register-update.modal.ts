import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { RegisterDifference } from '../../services/company-register/register-fill';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate, truncateMrkdwn } from './text';
import { spacedOrgNo } from './contact-modal.view';

export interface RegisterUpdateArgs {
  contact: { id: string; name: string; version: number };
  orgNo: string;
  differences: RegisterDifference[];
  /** The view's private_metadata (the contact, its version and the org.nr.; built by the listener). */
  privateMetadata: string;
}

const VALUE_MAX = 120;

/**
 * "Update from the register": per differing field what the card has and what Enhetsregisteret has, and a box to
 * tick for each (all ticked to start); Update takes the ticked ones.
 */
export function registerUpdateModal(args: RegisterUpdateArgs, tr: Translator): ModalView {
  const value = (text: string | undefined) =>
    text && text.trim() !== '' ? escapeMrkdwn(truncate(text, VALUE_MAX)) : `_${tr.t('register.update.empty')}_`;
  const label = (field: RegisterDifference['field']) => tr.t(`contact.field.${field}`);
  const lines = args.differences.map(
    (difference) => `*${label(difference.field)}*: ${value(difference.current)} → ${value(difference.register)}`,
  );
  const options: PlainTextOption[] = args.differences.map((difference) => ({
    text: plain(label(difference.field), SLACK.optionText),
    description: plain(`→ ${difference.register}`, SLACK.optionText),
    value: difference.field,
  }));
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(
        tr.t('register.update.intro', {
          name: escapeMrkdwn(truncate(args.contact.name, 100)),
          orgNo: spacedOrgNo(args.orgNo),
        }),
      ),
    },
    { type: 'section', text: mrkdwn(truncateMrkdwn(lines.join('\n'), SLACK.sectionText)) },
    {
      type: 'input',
      block_id: ids.contactField.registerUpdateBlock,
      label: plain(tr.t('register.update.label'), 200),
      optional: true,
      element: {
        type: 'checkboxes',
        action_id: ids.contactField.registerUpdateBlock,
        options: options.slice(0, 10),
        initial_options: options.slice(0, 10),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: ids.views.registerUpdateModal,
    private_metadata: args.privateMetadata,
    title: plain(tr.t('register.update.title'), SLACK.modalTitle),
    submit: plain(tr.t('register.update.submit'), SLACK.modalTitle),
    close: plain(tr.t('register.update.close'), SLACK.modalTitle),
    blocks,
  };
}
