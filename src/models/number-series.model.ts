import { Schema, model } from 'mongoose';

/** The last number handed out per workspace and series; incremented atomically, never decremented. */
const numberSeriesSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    series: { type: String, required: true },
    lastNo: { type: Number, required: true, default: 0 },
    /**
     * The numbers the last few New contact forms took, by form (the contact id the form reserved): a form
     * submitted again (a double click, a retry after an error) gets the number it took before, not another.
     */
    claims: { type: [new Schema({ formId: String, no: Number }, { _id: false })], default: undefined },
  },
  { collection: 'number_series', timestamps: true },
);
numberSeriesSchema.index({ workspaceId: 1, series: 1 }, { unique: true });

export const NumberSeriesModel = model('NumberSeries', numberSeriesSchema);
