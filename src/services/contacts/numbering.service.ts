import { NumberSeriesModel } from '../../models/number-series.model';
import type { ContactSetup } from '../setup/setup.types';
import { isDuplicateKeyError } from '../../db/errors';

const CONTACT_SERIES = 'contact';

export function formatContactNo(numbering: ContactSetup['numbering'], value: number): string {
  return `${numbering.prefix}${String(value).padStart(numbering.digits, '0')}`;
}

/**
 * Takes the next number of the workspace's contact series. One atomic $inc per call, so simultaneous creates
 * always get distinct numbers, and a number once handed out is never handed out again.
 */
export async function takeNextContactNo(workspaceId: string, numbering: ContactSetup['numbering']): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const series = await NumberSeriesModel.findOneAndUpdate(
        { workspaceId, series: CONTACT_SERIES },
        { $inc: { lastNo: 1 } },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      if (!series) throw new Error('The number series upsert returned nothing');
      return formatContactNo(numbering, series.lastNo);
    } catch (error) {
      // Two first-ever creates can race to insert the series; the loser simply increments the winner's.
      if (!isDuplicateKeyError(error) || attempt >= 2) throw error;
    }
  }
}
