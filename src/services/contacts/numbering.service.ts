import { NumberSeriesModel } from '../../models/number-series.model';
import type { ContactSetup } from '../setup/setup.types';
import { isDuplicateKeyError } from '../../db/errors';

const CONTACT_SERIES = 'contact';
/** How many forms' numbers the series remembers: far more than a double click or a retry needs. */
const REMEMBERED_CLAIMS = 50;

export function formatContactNo(numbering: ContactSetup['numbering'], value: number): string {
  return `${numbering.prefix}${String(value).padStart(numbering.digits, '0')}`;
}

interface StoredSeries {
  lastNo: number;
  claims?: { formId: string; no: number }[];
}

/**
 * The number of the workspace's contact series for one New contact form (`formId`: the contact id the form
 * reserved). The first call takes the next number; every later call for the same form gets that number again,
 * so a form submitted twice (a double click, Slack delivering it again, a retry after an error) never uses up a
 * second number. Taking and remembering are one atomic update of the series, so simultaneous submits of one
 * form get one number and simultaneous submits of different forms get different ones.
 */
export async function claimContactNo(
  workspaceId: string,
  numbering: ContactSetup['numbering'],
  formId: string,
): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const next = { $add: [{ $ifNull: ['$lastNo', 0] }, 1] };
    try {
      const series = await NumberSeriesModel.findOneAndUpdate(
        { workspaceId, series: CONTACT_SERIES, 'claims.formId': { $ne: formId } },
        [
          {
            $set: {
              lastNo: next,
              claims: {
                $slice: [{ $concatArrays: [{ $ifNull: ['$claims', []] }, [{ formId, no: next }]] }, -REMEMBERED_CLAIMS],
              },
            },
          },
        ],
        { upsert: true, returnDocument: 'after', lean: true, updatePipeline: true },
      ).lean<StoredSeries>();
      if (!series) throw new Error('The number series upsert returned nothing');
      return formatContactNo(numbering, series.lastNo);
    } catch (error) {
      // The form has its number already (the filter matched nothing, so the upsert collided with the series), or
      // two first-ever creates raced to insert the series.
      if (!isDuplicateKeyError(error) || attempt >= 2) throw error;
      const series = await NumberSeriesModel.findOne({ workspaceId, series: CONTACT_SERIES }).lean<StoredSeries>();
      const claim = series?.claims?.find((c) => c.formId === formId);
      if (claim) return formatContactNo(numbering, claim.no);
    }
  }
}

/** The form's number turned out to be taken (typed by hand into another contact): the form takes a new one. */
export async function releaseContactNo(workspaceId: string, formId: string): Promise<void> {
  await NumberSeriesModel.updateOne({ workspaceId, series: CONTACT_SERIES }, { $pull: { claims: { formId } } });
}

/**
 * `count` numbers of the series at once, for an import's batch: one atomic move of the series, so simultaneous
 * imports and New contact forms never get the same number. Returns the first of them.
 */
export async function claimContactNoBlock(workspaceId: string, count: number): Promise<number> {
  const series = await NumberSeriesModel.findOneAndUpdate(
    { workspaceId, series: CONTACT_SERIES },
    { $inc: { lastNo: count } },
    { upsert: true, returnDocument: 'after', lean: true },
  ).lean<StoredSeries>();
  if (!series) throw new Error('The number series upsert returned nothing');
  return series.lastNo - count + 1;
}

/** Contacts kept their numbers (an import): the series' next number moves past `lastNo`, never back. */
export async function moveContactSeriesPast(workspaceId: string, lastNo: number): Promise<void> {
  await NumberSeriesModel.updateOne({ workspaceId, series: CONTACT_SERIES }, { $max: { lastNo } }, { upsert: true });
}

/** The series' counter a number written with the series' prefix stands for (`CT000120` → 120), else undefined. */
export function seriesValueOf(numbering: ContactSetup['numbering'], no: string): number | undefined {
  if (!no.startsWith(numbering.prefix)) return undefined;
  const digits = no.slice(numbering.prefix.length);
  return /^\d{1,15}$/.test(digits) ? Number(digits) : undefined;
}
