import type { Translator } from '../../i18n';
import type { MergeForm, MergeRefusal, MergeSummary, UndoResult } from '../../services/contacts/merge/merge.service';
import { encodeMetadata } from '../../schemas/view-metadata';
import { mergeModal, type MergeRow } from '../../views/contact/merge-modal.view';

/** Why a merge was refused, in a sentence with a next step. */
export function mergeRefusalText(tr: Translator, refusal: MergeRefusal): string {
  switch (refusal.status) {
    case 'gone':
      return tr.t('merge.error.gone');
    case 'same':
      return tr.t('merge.error.same');
    case 'typeMismatch':
      return tr.t('merge.error.typeMismatch');
    case 'refused':
      return tr.t('merge.error.refused');
    case 'stale':
      return tr.t('merge.error.stale', { no: refusal.no });
    case 'busy':
      return tr.t('merge.error.busy');
  }
}

/** "Merged CT000002 into CT000001 …" with what moved. */
export function mergeDoneText(tr: Translator, merge: MergeSummary): string {
  return tr.t('merge.done', {
    keepNo: merge.keepNo,
    mergeNo: merge.mergeNo,
    mergeName: merge.mergeName,
    persons: merge.moved.persons,
    visits: merge.moved.visits,
    opportunities: merge.moved.opportunities,
    tasks: merge.moved.tasks,
  });
}

export function undoResultText(tr: Translator, result: UndoResult): string {
  switch (result.status) {
    case 'undone':
      return tr.t('merge.undone', { mergeNo: result.merge.mergeNo, keepNo: result.merge.keepNo });
    case 'alreadyUndone':
      return tr.t('merge.undo.already', { mergeNo: result.merge.mergeNo });
    case 'gone':
      return tr.t('merge.undo.gone');
    case 'expired':
      return tr.t(result.purged ? 'merge.undo.purged' : 'merge.undo.expired', {
        mergeNo: result.merge.mergeNo,
        keepNo: result.merge.keepNo,
        date: tr.date(result.merge.undoUntil),
      });
    case 'refused':
      return tr.t('merge.undo.refused');
    case 'keptChanged':
      return tr.t('merge.undo.keptChanged', { no: result.no });
    case 'movedChanged':
      return tr.t('merge.undo.movedChanged', { count: result.count });
    case 'busy':
      return tr.t('merge.error.busy');
  }
}

/** The merge modal for a checked pair: the one the service keeps by default first. */
export function mergeModalFor(tr: Translator, form: MergeForm) {
  const rows: MergeRow[] = form.fields.map((row) => ({
    field: row.field,
    a: row.keep,
    b: row.merge,
    chosen: row.choice === 'keep' ? 'a' : 'b',
  }));
  return mergeModal({
    tr,
    a: form.keep,
    b: form.merge,
    rows,
    keep: 'a',
    records: form.records,
    companyNames: form.companyNames,
    privateMetadata: encodeMetadata({
      a: form.keep.id,
      b: form.merge.id,
      av: form.keep.version,
      bv: form.merge.version,
    }),
  });
}
