import path from 'node:path';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { shareFilesFromDisk } from '../../slack/file-upload';
import { writeCsvFile, type CsvValue } from '../export/csv';
import { withExportDirectory } from '../export/export-directory';
import type { RowError } from './import-record';
import { errorRows } from './import.service';

/**
 * The rows with errors as a CSV file (row number, reason in the reader's language), written to disk as they are
 * read and shared in the admin's DM: the preview's (before anything is written) or the job's (what failed).
 */
export async function shareErrorReport(
  client: WebClient,
  tr: Translator,
  describe: (error: RowError) => string,
  request: {
    workspaceId: string;
    importId: string;
    fileName: string;
    channel: string;
    from: 'preview' | 'result';
    count: number;
  },
): Promise<void> {
  await withExportDirectory(async (dir) => {
    const base =
      request.fileName
        .replace(/\.[^.]*$/, '')
        .replace(/[^\w.-]+/g, '_')
        .slice(0, 60) || 'import';
    const filename = `${base}-${request.from === 'preview' ? 'errors' : 'failed'}.csv`;
    const file = path.join(dir, filename);
    async function* rows(): AsyncGenerator<CsvValue[]> {
      yield [tr.t('import.report.row'), tr.t('import.report.reason')];
      for await (const row of errorRows(request.workspaceId, request.importId, request.from))
        yield [row.rowNo, describe(row.error)];
    }
    await writeCsvFile(file, rows());
    const comment = tr.t(request.from === 'preview' ? 'import.report.previewComment' : 'import.report.resultComment', {
      file: request.fileName,
      count: tr.number(request.count),
    });
    await shareFilesFromDisk(
      client,
      { channelId: request.channel, initialComment: comment, files: [{ path: file, filename, title: filename }] },
      { uploadIdleTimeoutMs: 60_000 },
    );
  });
}
