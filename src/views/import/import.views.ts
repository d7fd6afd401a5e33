import type { KnownBlock, ModalView } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import { importTargets, type ColumnMapping, type ImportTarget } from '../../services/import/columns';
import type { RowError } from '../../services/import/import-record';
import type { ImportView, OnMatch, PreviewSummary, UndoResult } from '../../services/import/import.service';
import { mrkdwn, plain, SLACK, userText } from '../contact/text';

const f = ids.importField;

/** File types the upload accepts (Slack checks them in the client; the app checks the bytes). */
export const IMPORT_FILE_TYPES = ['csv', 'txt', 'xlsx'];

const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** A row's reason in the reader's language; a field name inside it is translated too. */
export function reasonText(tr: Translator, error: RowError): string {
  const vars = { ...(error.vars ?? {}) };
  if (typeof vars.field === 'string') vars.field = tr.t(`import.target.${vars.field}` as MessageKey);
  return tr.t(error.key, vars);
}

export const targetLabel = (tr: Translator, target: ImportTarget | null): string =>
  target ? tr.t(`import.target.${target}`) : tr.t('import.preview.ignored');

/** `/contact import`: one file, and what the file may look like. */
export function importUploadModal(tr: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: f.views.upload,
    title: plain(tr.t('import.upload.title'), SLACK.modalTitle),
    submit: plain(tr.t('import.upload.submit'), SLACK.modalTitle),
    close: plain(tr.t('import.undo.deny'), SLACK.modalTitle),
    blocks: [
      section(tr.t('import.upload.intro')),
      {
        type: 'input',
        block_id: f.blocks.file,
        label: plain(tr.t('import.upload.file'), 2000),
        element: { type: 'file_input', action_id: f.action, filetypes: IMPORT_FILE_TYPES, max_files: 1 },
      },
      context(tr.t('import.upload.columns')),
    ],
  };
}

/** While the file is read: the same modal, updated to the preview when it is ready. */
export function importNoticeModal(tr: Translator, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(tr.t('import.reading.title'), SLACK.modalTitle),
    close: plain(tr.t('import.undo.deny'), SLACK.modalTitle),
    blocks: [section(text)],
  };
}

function countsText(tr: Translator, preview: PreviewSummary): string[] {
  return [
    tr.t('import.preview.create', {
      companies: tr.number(preview.companies),
      persons: tr.number(preview.persons),
      independents: tr.number(preview.independents),
    }),
    preview.matches > 0
      ? tr.t('import.preview.matches', { count: tr.number(preview.matches) })
      : tr.t('import.preview.noMatches'),
  ];
}

/**
 * The preview: what the file holds and what Import would do, the mapping with a button to change it, the choices
 * (numbers, matches), and the first errors. Without anything to import, it has no Import button.
 */
export function importPreviewModal(tr: Translator, view: ImportView): ModalView {
  const preview = view.preview!;
  const importable = preview.rows - preview.errors > 0;
  const blocks: KnownBlock[] = [
    section(
      [
        tr.t('import.preview.file', { file: userText(view.fileName, 100), rows: tr.count(preview.rows, 'contact') }),
        ...countsText(tr, preview),
      ].join('\n'),
    ),
  ];
  const mappingLines = view.headers
    .map((header, i) => ({ header, target: view.mapping[i] ?? null }))
    .filter((m) => m.header !== '' || m.target)
    .map((m) =>
      tr.t('import.preview.mappingLine', {
        header: userText(m.header || '—', 40),
        target: m.target ? `*${targetLabel(tr, m.target)}*` : `_${tr.t('import.preview.ignored')}_`,
      }),
    );
  blocks.push({
    type: 'section',
    text: mrkdwn(`${tr.t('import.preview.mapping')}\n${mappingLines.join('\n')}`),
    accessory: {
      type: 'button',
      action_id: f.actions.changeMapping,
      value: view.id,
      text: plain(tr.t('import.preview.changeMapping'), SLACK.buttonText),
    },
  });
  if (preview.unknownSalespeople.length > 0)
    blocks.push(
      context(
        tr.t('import.preview.unknownSalespeople', {
          values: preview.unknownSalespeople
            .slice(0, 20)
            .map((v) => `\`${userText(v, 40)}\``)
            .join(', '),
        }),
      ),
    );
  if (preview.missingCodes.length > 0)
    blocks.push(
      context(
        tr.t('import.preview.missingCodes', {
          codes: preview.missingCodes.map((m) => m.codes.map((c) => `\`${userText(c, 10)}\``).join(', ')).join('; '),
        }),
      ),
    );
  if (importable) {
    blocks.push({
      type: 'input',
      block_id: f.blocks.keepNumbers,
      optional: true,
      label: plain(tr.t('import.option.keepNumbers'), 2000),
      hint: plain(tr.t('import.option.keepNumbers.hint'), 2000),
      element: {
        type: 'checkboxes',
        action_id: f.action,
        options: [
          {
            value: 'keep',
            text: plain(tr.t('import.option.keepNumbers.label'), SLACK.optionText),
          },
        ],
        ...(view.options.keepNumbers
          ? {
              initial_options: [
                {
                  value: 'keep',
                  text: plain(tr.t('import.option.keepNumbers.label'), SLACK.optionText),
                },
              ],
            }
          : {}),
      },
    });
    if (preview.matches > 0) {
      const option = (value: OnMatch) => ({
        value,
        text: plain(tr.t(`import.option.${value}`), SLACK.optionText),
      });
      blocks.push({
        type: 'input',
        block_id: f.blocks.onMatch,
        label: plain(tr.t('import.option.onMatch'), 2000),
        element: {
          type: 'radio_buttons',
          action_id: f.action,
          options: [option('skip'), option('update'), option('create')],
          initial_option: option(view.options.onMatch),
        },
      });
    }
  }
  if (preview.errors > 0) {
    const lines = preview.sampleErrors.map((e) =>
      tr.t('import.preview.errorLine', { row: e.rowNo, reason: userText(reasonText(tr, e.error), 160) }),
    );
    blocks.push({ type: 'divider' });
    blocks.push(section(`${tr.t('import.preview.errors', { count: preview.errors })}\n${lines.join('\n')}`));
    if (preview.errors > preview.sampleErrors.length)
      blocks.push(
        context(tr.t('import.preview.moreErrors', { count: tr.number(preview.errors - preview.sampleErrors.length) })),
      );
  } else blocks.push(context(tr.t('import.preview.noErrors')));
  if (!importable) blocks.push(section(tr.t('import.preview.nothing')));
  return {
    type: 'modal',
    callback_id: f.views.preview,
    private_metadata: view.id,
    title: plain(tr.t('import.preview.title'), SLACK.modalTitle),
    close: plain(tr.t('import.undo.deny'), SLACK.modalTitle),
    ...(importable ? { submit: plain(tr.t('import.preview.submit'), SLACK.modalTitle) } : {}),
    blocks: blocks.slice(0, SLACK.viewBlocks),
  };
}

/** One select per column of the file (pushed over the preview): its target, or ignored. */
export function importMappingModal(tr: Translator, view: ImportView, samples: string[]): ModalView {
  const option = (target: ImportTarget | null) => ({
    value: target ?? 'ignore',
    text: plain(target ? targetLabel(tr, target) : tr.t('import.target.ignore'), SLACK.optionText),
  });
  const options = [option(null), ...importTargets.map(option)];
  const columns = view.headers.slice(0, SLACK.viewBlocks - 2);
  return {
    type: 'modal',
    callback_id: f.views.mapping,
    private_metadata: view.id,
    title: plain(tr.t('import.mapping.title'), SLACK.modalTitle),
    submit: plain(tr.t('import.mapping.submit'), SLACK.modalTitle),
    close: plain(tr.t('import.undo.deny'), SLACK.modalTitle),
    blocks: [
      context(tr.t('import.mapping.intro')),
      ...columns.map((header, i): KnownBlock => ({
        type: 'input',
        block_id: `${f.blocks.column}${i}`,
        label: plain(header || `#${i + 1}`, 2000),
        ...(samples[i] ? { hint: plain(tr.t('import.mapping.sample', { value: samples[i] }), 2000) } : {}),
        element: {
          type: 'static_select',
          action_id: f.action,
          options,
          initial_option: option((view.mapping[i] as ImportTarget | null) ?? null),
        },
      })),
    ],
  };
}

/** The DM message while the job runs. */
export function importProgressText(tr: Translator, view: ImportView): string {
  return tr.t('import.progress', {
    file: userText(view.fileName, 100),
    done: tr.number(view.progress.done),
    total: tr.number(view.progress.total),
  });
}

/** The final summary in the DM, with Undo (admins, 7 days); no button once undone. */
export function importSummaryMessage(tr: Translator, view: ImportView): { text: string; blocks: KnownBlock[] } {
  const text = tr.t('import.summary', {
    file: userText(view.fileName, 100),
    created: tr.number(view.counts.created),
    updated: tr.number(view.counts.updated),
    skipped: tr.number(view.counts.skipped),
    failed: tr.number(view.counts.failed),
  });
  const blocks: KnownBlock[] = [section(text)];
  if (view.counts.failed > 0) blocks.push(context(tr.t('import.summary.report')));
  if (view.undo) blocks.push(section(undoText(tr, view.fileName, view.undo)));
  else if (view.counts.created + view.counts.updated > 0)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: f.actions.undo,
          value: view.id,
          text: plain(tr.t('import.undo.button'), SLACK.buttonText),
          confirm: {
            title: plain(tr.t('import.undo.confirmTitle'), SLACK.confirmTitle),
            text: plain(tr.t('import.undo.confirmText'), SLACK.confirmText),
            confirm: plain(tr.t('import.undo.confirm'), SLACK.confirmButton),
            deny: plain(tr.t('import.undo.deny'), SLACK.confirmButton),
          },
        },
      ],
    });
  return { text, blocks };
}

export function undoText(tr: Translator, fileName: string, undo: UndoResult): string {
  const lines = [
    tr.t('import.undo.done', {
      file: userText(fileName, 100),
      deleted: tr.number(undo.deleted),
      restored: tr.number(undo.restored),
    }),
  ];
  if (undo.kept.length > 0)
    lines.push(
      tr.t('import.undo.kept', {
        contacts: undo.kept
          .slice(0, 30)
          .map((c) => userText(c, 60))
          .join(', '),
      }),
    );
  return lines.join('\n');
}

/** The mapping from a mapping modal's selects, or undefined where the state is not what the modal sent. */
export type { ColumnMapping };
