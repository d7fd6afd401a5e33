import { Schema, model } from 'mongoose';

/** The last number handed out per workspace and series; incremented atomically, never decremented. */
const numberSeriesSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    series: { type: String, required: true },
    lastNo: { type: Number, required: true, default: 0 },
  },
  { collection: 'number_series', timestamps: true },
);
numberSeriesSchema.index({ workspaceId: 1, series: 1 }, { unique: true });

export const NumberSeriesModel = model('NumberSeries', numberSeriesSchema);
