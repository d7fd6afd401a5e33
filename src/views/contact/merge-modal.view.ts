import type { InputBlock, KnownBlock, ModalView, Option } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import type { Contact } from '../../services/contacts/contact.types';
import type { MergeField } from '../../services/contacts/merge/merge-fields';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from './text';

/** One row of the form: a field where the two differ, with each side's value and which is chosen now. */
export interface MergeRow {
  field: MergeField;
  a: string | string[] | boolean | null | undefined;
  b: string | string[] | boolean | null | undefined;
  /** 'a' or 'b': the side whose value survives. */
  chosen: 'a' | 'b';
}

export interface MergeModalArgs {
  tr: Translator;
  /** The two contacts: `a` is the one that stays by default (the older, lower No.). */
  a: Pick<Contact, 'no' | 'name' | 'type'>;
  b: Pick<Contact, 'no' | 'name' | 'type'>;
  rows: MergeRow[];
  /** Which stays. */
  keep: 'a' | 'b';
  /** Linked records that move (persons, visits, opportunities, tasks). */
  records: number;
  /** A person's companies by id, to show a company choice by its name. */
  companyNames: Record<string, string>;
  privateMetadata: string;
}

const LABEL_KEYS: Record<MergeField, MessageKey> = {
  name: 'contact.field.name',
  name2: 'contact.field.name2',
  searchName: 'contact.field.searchName',
  companyId: 'contact.field.companyId',
  jobTitle: 'contact.field.jobTitle',
  address: 'contact.field.address',
  address2: 'contact.field.address2',
  postCode: 'contact.field.postCode',
  city: 'contact.field.city',
  county: 'contact.field.county',
  country: 'contact.field.country',
  phone: 'contact.field.phone',
  mobile: 'contact.field.mobile',
  email: 'contact.field.email',
  homePage: 'contact.field.homePage',
  salespersonId: 'contact.field.salespersonId',
  territory: 'contact.field.territory',
  language: 'contact.field.language',
  vatRegNo: 'contact.field.vatRegNo',
  industryGroups: 'contact.field.industryGroups',
  businessRelations: 'contact.field.businessRelations',
  organizationalLevel: 'contact.field.organizationalLevel',
  jobResponsibilities: 'contact.field.jobResponsibilities',
  salutation: 'contact.field.salutation',
  privacyBlocked: 'contact.field.privacyBlocked',
};

/** Room for the intro, the "which stays" row and every field a contact has, well inside Slack's 100 blocks. */
const MAX_ROWS = 40;

function shown(args: MergeModalArgs, row: MergeRow, side: 'a' | 'b'): string {
  const { tr } = args;
  const value = row[side];
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return `_${tr.t('merge.empty')}_`;
  if (typeof value === 'boolean') return tr.t(value ? 'merge.yes' : 'merge.no');
  if (Array.isArray(value)) return escapeMrkdwn(truncate(value.join(', '), 60));
  if (row.field === 'salespersonId') return `<@${value}>`;
  if (row.field === 'companyId') return escapeMrkdwn(truncate(args.companyNames[value] ?? value, 60));
  return escapeMrkdwn(truncate(value, 60));
}

function option(args: MergeModalArgs, row: MergeRow, side: 'a' | 'b'): Option {
  const who = side === 'a' ? args.a : args.b;
  return {
    text: mrkdwn(shown(args, row, side), SLACK.optionText),
    description: plain(args.tr.t('merge.from', { no: truncate(who.no, 20) }), SLACK.optionText),
    value: side,
  };
}

function fieldRow(args: MergeModalArgs, row: MergeRow): InputBlock {
  const options = [option(args, row, 'a'), option(args, row, 'b')];
  return {
    type: 'input',
    block_id: `${ids.merge.blocks.fieldPrefix}${row.field}`,
    label: plain(args.tr.t(LABEL_KEYS[row.field]), 2000),
    element: {
      type: 'radio_buttons',
      action_id: row.field,
      options,
      initial_option: row.chosen === 'a' ? options[0] : options[1],
    },
  };
}

/**
 * "Merge contacts": which of the two stays (it keeps its No.; the other's becomes an alias), and for each field
 * where they differ, whose value survives. Pure: the listener brings the rows (merge.service.ts: mergeForm).
 */
export function mergeModal(args: MergeModalArgs): ModalView {
  const { tr, a, b } = args;
  const keepOptions: Option[] = [a, b].map((contact, i) => ({
    text: plain(tr.t('merge.keepOption', { no: truncate(contact.no, 20), name: truncate(contact.name, 40) }), 75),
    value: i === 0 ? 'a' : 'b',
  }));
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(
        tr.t('merge.intro', {
          a: escapeMrkdwn(truncate(a.name, 80)),
          aNo: escapeMrkdwn(a.no),
          b: escapeMrkdwn(truncate(b.name, 80)),
          bNo: escapeMrkdwn(b.no),
        }),
      ),
    },
    {
      type: 'context',
      elements: [
        mrkdwn(
          tr.t(a.type === 'company' ? 'merge.movesCompany' : 'merge.movesPerson', { records: tr.number(args.records) }),
        ),
      ],
    },
    {
      type: 'input',
      block_id: ids.merge.blocks.keep,
      label: plain(tr.t('merge.keepLabel'), 2000),
      element: {
        type: 'radio_buttons',
        action_id: ids.merge.actions.keep,
        options: keepOptions,
        initial_option: args.keep === 'a' ? keepOptions[0] : keepOptions[1],
      },
    },
  ];
  if (args.rows.length === 0) blocks.push({ type: 'section', text: mrkdwn(tr.t('merge.noDifferences')) });
  else {
    blocks.push({ type: 'header', text: plain(tr.t('merge.fieldsHeading'), SLACK.headerText) });
    for (const row of args.rows.slice(0, MAX_ROWS)) blocks.push(fieldRow(args, row));
  }
  return {
    type: 'modal',
    callback_id: ids.merge.modal,
    private_metadata: args.privateMetadata,
    title: plain(tr.t('merge.title'), SLACK.modalTitle),
    submit: plain(tr.t('merge.submit'), SLACK.modalTitle),
    close: plain(tr.t('merge.cancel'), SLACK.modalTitle),
    blocks,
  };
}

/** The kept card after a merge: a line saying what happened, with "Undo merge", on top of the card. */
export function withMergeNotice(
  card: ModalView,
  args: { tr: Translator; text: string; mergeRecordId?: string },
): ModalView {
  const notice: KnownBlock = {
    type: 'section',
    text: mrkdwn(args.text),
    ...(args.mergeRecordId
      ? {
          accessory: {
            type: 'button',
            text: plain(args.tr.t('merge.undo'), SLACK.buttonText),
            action_id: ids.merge.actions.undo,
            value: args.mergeRecordId,
          },
        }
      : {}),
  };
  return { ...card, blocks: [notice, ...card.blocks].slice(0, SLACK.viewBlocks) };
}

/** The merge as a DM (a merge that ran in the background), with Undo. */
export function mergeDoneMessage(args: { tr: Translator; text: string; mergeRecordId?: string }): {
  text: string;
  blocks: KnownBlock[];
} {
  return {
    text: args.text,
    blocks: withMergeNotice({ type: 'modal', title: plain('x', 24), blocks: [] }, args).blocks as KnownBlock[],
  };
}
