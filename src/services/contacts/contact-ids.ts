import { Types } from 'mongoose';

/**
 * A new contact's id, reserved when its form opens: the form carries it, so however often Slack delivers the
 * submission, it creates that one contact (see createContact's idempotency).
 */
export function newContactId(): string {
  return new Types.ObjectId().toString();
}
