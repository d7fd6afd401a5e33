import type { ContactInput, ContactType } from '../../schemas/contact-input';

/** A stored contact as services hand it out: plain data, id as a string. */
export interface Contact extends Omit<ContactInput, 'companyId' | 'no' | 'searchName'> {
  id: string;
  workspaceId: string;
  no: string;
  type: ContactType;
  searchName: string;
  searchNameEdited: boolean;
  companyId: string | null;
  companyName?: string;
  phoneE164?: string;
  mobileE164?: string;
  stats: { interactionCount: number; lastInteractionAt?: Date; lastAttemptAt?: Date };
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic-concurrency version: an edit made from an older version is refused. */
  version: number;
}

/** The short form used in lists, typeahead options and duplicate comparisons. */
export type ContactSummary = Pick<
  Contact,
  'id' | 'no' | 'type' | 'name' | 'companyName' | 'address' | 'postCode' | 'city' | 'phone' | 'vatRegNo' | 'email'
>;

/** Errors keyed by ContactInput field; the listener maps fields to the modal's block ids. */
export type FieldErrors = Partial<Record<keyof ContactInput | 'form', string>>;
