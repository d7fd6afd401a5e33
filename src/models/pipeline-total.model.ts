import { Schema, model } from 'mongoose';

/**
 * Kept totals of one salesperson's deals, so the pipeline (`/contact pipeline`, team and own, and App Home) reads
 * one small document per salesperson instead of every deal. Amounts are whole cents, so adding and taking away is
 * exact and the totals equal a recount to the cent.
 *
 * - `open` maps a cell `cycle|stage|closing month` (see services/opportunities/pipeline-totals.ts) to the open deals
 *   in it: `n` deals, `e` estimated value, `v` calculated value.
 * - `closed` maps `won|month` and `lost|month` (the close date's month) to `n` deals and `a` actual value.
 * - `applied`: the keys of the last deal writes added here, so a write finished twice (its retry, the repair) is
 *   added once. `gen` moves with every change, so a recount that raced a write is done again.
 *
 * Every deal write carries its move as a mark on the deal (`totalsMarks`), adds it here, then clears the mark.
 */
const pipelineTotalSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    salespersonId: { type: String, required: true },
    open: { type: Schema.Types.Mixed, default: {} },
    closed: { type: Schema.Types.Mixed, default: {} },
    applied: { type: [String], default: [] },
    gen: { type: Number, default: 0 },
  },
  { collection: 'pipeline_totals', minimize: false },
);
pipelineTotalSchema.index({ workspaceId: 1, salespersonId: 1 }, { unique: true });

export const PipelineTotalModel = model('PipelineTotal', pipelineTotalSchema);
