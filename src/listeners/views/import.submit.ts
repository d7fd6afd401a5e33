import path from 'node:path';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { parseImportOptions, parseMapping, parseUploadedFile } from '../../schemas/import-modal';
import { withExportDirectory } from '../../services/export/export-directory';
import { mappedTwice } from '../../services/import/columns';
import { shareErrorReport } from '../../services/import/import-report';
import {
  confirmImport,
  createImport,
  ERRORS_SHOWN,
  getImport,
  mayImport,
  previewImport,
  remapImport,
  setSalespeople,
  stageFile,
  type ImportView,
} from '../../services/import/import.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { downloadSlackFile, FileDownloadError, slackFileInfo } from '../../slack/file-download';
import {
  IMPORT_FILE_TYPES,
  importNoticeModal,
  importPreviewModal,
  reasonText,
  targetLabel,
} from '../../views/import/import.views';
import { escapeMrkdwn } from '../../views/contact/text';
import { errorsAck, guardedSubmit, kontaktOf, trOf, workspaceIdOf, type ViewArgs } from '../frame';

const f = ids.importField;
/** The largest file that is read (20 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const fileText = (name: string) => escapeMrkdwn(name.slice(0, 100));

/** Upload submitted: the modal says "Reading…" at once; the file is read after the ack and the preview replaces it. */
export async function submitImportUpload(args: ViewArgs): Promise<void> {
  const tr = trOf(args);
  await guardedSubmit(args, 'Reading an import file', f.blocks.file, async () => {
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const picked = parseUploadedFile(args.view.state.values);
    if (!picked) return errorsAck({ [f.blocks.file]: tr.t('import.error.noFile') });
    const setup = await getWorkspaceSetup(workspaceId);
    const roles = await rolesOf(args.client, workspaceId, userId, setup);
    if (!mayImport(setup, roles.isAdmin)) return errorsAck({ [f.blocks.file]: tr.t('import.refused.noAdmins') });
    const viewId = args.body.view.id;
    const name = picked.name ?? picked.id;
    return {
      ack: {
        response_action: 'update',
        view: importNoticeModal(tr, tr.t('import.reading.text', { file: fileText(name) })),
      },
      after: () => readAndPreview(args, { workspaceId, userId, fileId: picked.id, viewId, tr }),
    };
  });
}

async function readAndPreview(
  args: ViewArgs,
  request: { workspaceId: string; userId: string; fileId: string; viewId: string; tr: Translator },
): Promise<void> {
  const { client, logger } = args;
  const { workspaceId, userId, tr, viewId } = request;
  const show = (text: string) =>
    client.views.update({ view_id: viewId, view: importNoticeModal(tr, text) }).then(() => undefined);
  let name = request.fileId;
  try {
    const info = await slackFileInfo(client, request.fileId);
    name = info.name;
    const extension = path.extname(info.name).slice(1).toLowerCase();
    if (!IMPORT_FILE_TYPES.includes(extension)) return await show(tr.t('import.failed.type', { file: fileText(name) }));
    if (info.size > MAX_IMPORT_BYTES)
      return await show(
        tr.t('import.failed.tooBig', { file: fileText(name), size: tr.number(Math.ceil(info.size / 1024 / 1024)) }),
      );
    const importId = await createImport(workspaceId, userId, info.name);
    const staged = await withExportDirectory(async (dir) => {
      const file = path.join(dir, 'upload');
      await downloadSlackFile(client, String(args.context.botToken ?? ''), info, file, MAX_IMPORT_BYTES);
      return stageFile(workspaceId, importId, file);
    });
    if (staged.status === 'unreadable')
      return await show(tr.t(`import.failed.${staged.reason}`, { file: fileText(name) }));
    await setSalespeople(workspaceId, importId, await lookUpSalespeople(client, logger, staged.salespersonValues));
    const view = await previewImport(workspaceId, importId);
    if (!view) return await show(tr.t('import.failed.gone'));
    await showPreview(client, logger, tr, view, viewId);
  } catch (error) {
    logger.warn(`Reading import file ${request.fileId} failed: ${(error as Error).message}`);
    const key =
      error instanceof FileDownloadError && error.reason === 'tooBig'
        ? 'import.failed.tooBig'
        : 'import.failed.download';
    await show(tr.t(key, { file: fileText(name), size: '20+' })).catch(() => undefined);
  }
}

/** The preview in place of the modal; with more errors than it lists, the full list goes to the DM as CSV. */
async function showPreview(client: WebClient, logger: Logger, tr: Translator, view: ImportView, viewId: string) {
  await client.views.update({ view_id: viewId, view: importPreviewModal(tr, view) });
  const preview = view.preview;
  if (!preview || preview.errors <= ERRORS_SHOWN) return;
  try {
    await shareErrorReport(client, tr, (e) => reasonText(tr, e), {
      workspaceId: view.workspaceId,
      importId: view.id,
      fileName: view.fileName,
      channel: view.userId,
      from: 'preview',
      count: preview.errors,
    });
  } catch (error) {
    logger.warn(`Sharing the preview's error report failed: ${(error as Error).message}`);
  }
}

/**
 * Salesperson values that are e-mails become Slack users through users.lookupByEmail; Slack ids (Kontakt's export)
 * are taken as they are; codes and unknown e-mails match nobody and are reported in the preview, never guessed.
 */
async function lookUpSalespeople(
  client: WebClient,
  logger: Logger,
  values: string[],
): Promise<{ value: string; userId: string | null }[]> {
  const found: { value: string; userId: string | null }[] = [];
  for (const value of values) {
    if (/^[UW][A-Z0-9]{2,30}$/.test(value)) {
      found.push({ value, userId: value });
      continue;
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      found.push({ value, userId: null });
      continue;
    }
    try {
      const answer = await client.users.lookupByEmail({ email: value });
      found.push({ value, userId: answer.user?.id ?? null });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== 'users_not_found') logger.warn(`users.lookupByEmail failed: ${(error as Error).message}`);
      found.push({ value, userId: null });
    }
  }
  return found;
}

/** Import pressed: the choices are stored, the modal closes, and the job takes over (progress in the DM). */
export async function submitImportPreview(args: ViewArgs): Promise<void> {
  const tr = trOf(args);
  await guardedSubmit(
    args,
    'Starting an import',
    (text) => ({ response_action: 'update', view: importNoticeModal(tr, text) }),
    async () => {
      const workspaceId = workspaceIdOf(args);
      const options = parseImportOptions(args.view.state.values);
      const confirmed = await confirmImport(workspaceId, args.view.private_metadata, options);
      if (confirmed.status !== 'queued')
        return { ack: { response_action: 'update', view: importNoticeModal(tr, tr.t('import.failed.gone')) } };
      return {
        ack: {
          response_action: 'update',
          view: importNoticeModal(tr, tr.t('import.started', { file: fileText(confirmed.view.fileName) })),
        },
        after: () => kontaktOf(args.context).scheduler.startImport({ workspaceId, importId: confirmed.view.id }),
      };
    },
  );
}

/** The mapping changed: a target chosen twice is refused on those selects; otherwise the preview is made again. */
export async function submitImportMapping(args: ViewArgs): Promise<void> {
  const tr = trOf(args);
  await guardedSubmit(args, 'Changing an import’s columns', `${f.blocks.column}0`, async () => {
    const workspaceId = workspaceIdOf(args);
    const current = await getImport(workspaceId, args.view.private_metadata);
    if (!current || current.state !== 'previewed')
      return { ack: { response_action: 'update', view: importNoticeModal(tr, tr.t('import.failed.gone')) } };
    const mapping = parseMapping(args.view.state.values, current.headers.length);
    const twice = mappedTwice(mapping);
    if (twice.length > 0) {
      const errors: Record<string, string> = {};
      mapping.forEach((target, i) => {
        if (target && twice.includes(target))
          errors[`${f.blocks.column}${i}`] = tr.t('import.mapping.twice', { target: targetLabel(tr, target) });
      });
      return errorsAck(errors);
    }
    const rootId = args.body.view.root_view_id ?? args.body.view.previous_view_id;
    return {
      after: async () => {
        const result = await remapImport(workspaceId, current.id, mapping);
        if (!rootId) return;
        if (result.status !== 'ok')
          await args.client.views.update({ view_id: rootId, view: importNoticeModal(tr, tr.t('import.failed.gone')) });
        else await showPreview(args.client, args.logger, tr, result.view, rootId);
      },
    };
  });
}
