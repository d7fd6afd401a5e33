import { Types } from 'mongoose';
import { ContactDraftModel } from '../../models/contact-draft.model';
import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import { isObjectId } from './contact.service';

export interface ContactDraft {
  contactId: string;
  mode: 'create' | 'edit';
  version?: number;
  channelId?: string;
  input: ContactInput;
}

/** Keeps (or replaces) the user's pending form for this contact. */
export async function saveDraft(workspaceId: string, userId: string, draft: ContactDraft): Promise<void> {
  const contactId = new Types.ObjectId(draft.contactId);
  await ContactDraftModel.updateOne(
    { workspaceId, userId, contactId },
    // Through JSON so fields left empty (undefined) are dropped rather than stored as null.
    {
      $set: {
        ...draft,
        input: JSON.parse(JSON.stringify(draft.input)),
        contactId,
        workspaceId,
        userId,
        createdAt: new Date(),
      },
    },
    { upsert: true },
  );
}

/** The user's own draft; anything else (another user's, another workspace's, expired, forged) is undefined. */
export async function getDraft(
  workspaceId: string,
  userId: string,
  contactId: unknown,
): Promise<ContactDraft | undefined> {
  if (!isObjectId(contactId)) return undefined;
  const doc = await ContactDraftModel.findOne({ workspaceId, userId, contactId: new Types.ObjectId(contactId) }).lean();
  if (!doc) return undefined;
  const input = contactInputSchema.safeParse(doc.input);
  if (!input.success) return undefined;
  return {
    contactId,
    mode: doc.mode as ContactDraft['mode'],
    version: doc.version ?? undefined,
    channelId: doc.channelId ?? undefined,
    input: input.data,
  };
}

export async function deleteDraft(workspaceId: string, userId: string, contactId: string): Promise<void> {
  await ContactDraftModel.deleteOne({ workspaceId, userId, contactId: new Types.ObjectId(contactId) });
}
