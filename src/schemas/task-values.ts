import { z } from 'zod';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i);

/** What a task's Snooze select can say: a day (tomorrow, next Monday) or "pick a date" (opens a date modal). */
export const snoozeChoices = ['tomorrow', 'monday', 'pick'] as const;
export type SnoozeOption = (typeof snoozeChoices)[number];

/** `tomorrow:<taskId>`: a Snooze option's value (a task id is re-checked by the service, never trusted). */
export const snoozeValue = {
  encode: (choice: SnoozeOption, taskId: string): string => `${choice}:${taskId}`,
  decode(raw: unknown): { choice: SnoozeOption; taskId: string } | undefined {
    if (typeof raw !== 'string') return undefined;
    const [choice, taskId, ...rest] = raw.split(':');
    const parsed = z.enum(snoozeChoices).safeParse(choice);
    if (!parsed.success || rest.length > 0 || !objectId.safeParse(taskId).success) return undefined;
    return { choice: parsed.data, taskId: taskId as string };
  },
};

/** The snooze date modal remembers its task (and the message it came from, to replace it once snoozed). */
export const snoozeMetadataSchema = z.object({
  taskId: objectId,
  responseUrl: z.string().max(500).optional(),
});

/** The task modal remembers where it was opened from: a visit, an opportunity, a contact card. */
export const taskModalMetadataSchema = z.object({
  opportunityId: objectId.optional(),
  visitId: objectId.optional(),
  card: z
    .object({
      c: objectId,
      v: z
        .string()
        .regex(/^V[A-Z0-9]{2,30}$/)
        .optional(),
      u: z.string().max(500).optional(),
    })
    .optional(),
});
export type TaskModalMetadata = z.infer<typeof taskModalMetadataSchema>;

/** A task row's ⋯ menu: Open contact (its contact's id), Edit and Cancel task (the task's id); ids re-checked. */
export const taskMenuVerbs = ['open', 'edit', 'cancel'] as const;
export type TaskMenuVerb = (typeof taskMenuVerbs)[number];
export const taskMenuValue = {
  encode: (verb: TaskMenuVerb, id: string): string => `${verb}:${id}`,
  decode(raw: unknown): { verb: TaskMenuVerb; id: string } | undefined {
    if (typeof raw !== 'string') return undefined;
    const [verb, id, ...rest] = raw.split(':');
    const parsed = z.enum(taskMenuVerbs).safeParse(verb);
    if (!parsed.success || rest.length > 0 || !objectId.safeParse(id).success) return undefined;
    return { verb: parsed.data, id: id as string };
  },
};

/** The edit modal and the cancel confirmation remember the task, the version they show, and the DM they came from. */
export const taskEditMetadataSchema = z.object({
  taskId: objectId,
  version: z.number().int().min(0),
  responseUrl: z.string().max(500).optional(),
});
