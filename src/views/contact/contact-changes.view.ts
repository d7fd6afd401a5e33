import type { KnownBlock, ModalView } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import {
  BOOLEAN_FIELDS,
  LOGGED_FIELDS,
  type ContactChange,
  type ContactChangeField,
} from '../../services/contacts/change-log.service';
import { escapeMrkdwn, mrkdwn, plain, readerDateTime, SLACK, truncate } from './text';

/** A value as the change log shows it: cut short (the card has the whole value). */
const VALUE_MAX = 60;
/** Field lines shown per change (an import or a creation lists many). */
const FIELDS_SHOWN = 12;
/** Changes shown: one block each, well inside a modal's 100 blocks. */
export const CHANGES_SHOWN = 25;

/** The other contact of a merge (its No.): not a field of the contact, a fact about it. */
const isMergeField = (field: string): field is 'mergedFrom' | 'mergedInto' | 'unmergedFrom' =>
  field === 'mergedFrom' || field === 'mergedInto' || field === 'unmergedFrom';

const isLogged = (field: string): field is (typeof LOGGED_FIELDS)[number] =>
  (LOGGED_FIELDS as readonly string[]).includes(field);

/** The card's label for a field; a field this version does not know keeps its name. */
function fieldLabel(field: string, tr: Translator): string {
  if (isMergeField(field)) return tr.t(`changes.field.${field}`);
  return isLogged(field) ? tr.t(`contact.field.${field}` as MessageKey) : field;
}

function shownValue(field: string, value: string | undefined, tr: Translator): string {
  if (BOOLEAN_FIELDS.includes(field)) return tr.t(value === 'true' ? 'changes.yes' : 'changes.no');
  if (value === undefined || value.trim() === '') return tr.t('card.empty');
  if (field === 'type' && (value === 'company' || value === 'person')) return tr.t(`contact.type.${value}`);
  if (field === 'salespersonId' && /^[UW][A-Z0-9]{2,}$/.test(value)) return `<@${value}>`;
  return escapeMrkdwn(truncate(value.replace(/\s+/g, ' '), VALUE_MAX));
}

function whoText(by: string, tr: Translator): string {
  if (by === 'import') return tr.t('changes.by.import');
  if (by === 'system') return tr.t('changes.by.system');
  return /^[UW][A-Z0-9]{2,}$/.test(by) ? `<@${by}>` : escapeMrkdwn(truncate(by, 30));
}

function fieldLine(change: ContactChange, field: ContactChangeField, tr: Translator): string {
  const label = `*${escapeMrkdwn(fieldLabel(field.field, tr))}*`;
  if (change.erased) return `• ${label}`;
  // A new contact's values have nothing before them: only what it was made with.
  if ((change.kind === 'create' || change.kind === 'import' || isMergeField(field.field)) && field.old === undefined)
    return `• ${label}: ${shownValue(field.field, field.new, tr)}`;
  return `• ${label}: ${shownValue(field.field, field.old, tr)} → ${shownValue(field.field, field.new, tr)}`;
}

/** One change: what kind, when, by whom, then its fields old → new (or only their names once erased). */
function changeBlock(change: ContactChange, tr: Translator): KnownBlock {
  const kind = tr.t(`changes.kind.${change.kind}`);
  const head = tr.t('changes.line', { kind, date: readerDateTime(tr, change.at), who: whoText(change.by, tr) });
  const lines = [change.inherited ? `${head} · _${tr.t('changes.inherited')}_` : head];
  const shown = change.fields.slice(0, FIELDS_SHOWN);
  lines.push(...shown.map((field) => fieldLine(change, field, tr)));
  if (change.fields.length > shown.length)
    lines.push(`_${tr.t('changes.moreFields', { count: change.fields.length - shown.length })}_`);
  if (change.fields.length === 0 && change.kind === 'edit') lines.push(`_${tr.t('changes.noFields')}_`);
  if (change.erased) lines.push(`_${tr.t('changes.erased')}_`);
  return { type: 'section', text: mrkdwn(lines.join('\n'), SLACK.sectionText) };
}

/**
 * The change log of one contact as blocks, newest first as given: to stand in a modal of its own
 * (contactChangesModal) or inside another (the Personal data modal). Pure: labels are the card's, dates in the
 * reader's format, values cut short, an empty value "—".
 */
export function contactChangesBlocks(changes: ContactChange[], tr: Translator): KnownBlock[] {
  if (changes.length === 0) return [{ type: 'context', elements: [mrkdwn(tr.t('changes.none'))] }];
  const shown = changes.slice(0, CHANGES_SHOWN);
  const blocks: KnownBlock[] =
    shown.length > 1 ? [{ type: 'context', elements: [mrkdwn(tr.t('changes.latest', { count: shown.length }))] }] : [];
  shown.forEach((change, index) => {
    if (index > 0) blocks.push({ type: 'divider' });
    blocks.push(changeBlock(change, tr));
  });
  return blocks;
}

/** "Changes to <name>": the change log in a modal of its own, opened from the card's ⋯ menu (admins). */
export function contactChangesModal(
  contact: { id: string; name: string; no: string },
  changes: ContactChange[],
  tr: Translator,
): ModalView {
  return {
    type: 'modal',
    callback_id: ids.views.contactChangesModal,
    private_metadata: contact.id,
    title: plain(tr.t('changes.title'), SLACK.modalTitle),
    close: plain(tr.t('card.modal.close'), SLACK.modalTitle),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          tr.t('changes.heading', {
            name: escapeMrkdwn(truncate(contact.name, 100)),
            no: escapeMrkdwn(truncate(contact.no, 30)),
          }),
        ),
      },
      ...contactChangesBlocks(changes, tr),
    ],
  };
}
