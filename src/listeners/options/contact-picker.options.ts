import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { MAX_QUERY_LENGTH } from '../../schemas/search-query';
import { suggestContacts } from '../../services/contacts/contact-search.service';
import { workspaceOf } from '../../services/workspace';
import { contactOptions } from '../../views/contact/contact-option';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

const SUGGESTIONS = 20;

/** Typeahead for any contact picker: the search's best 20, answered in the ack (the only chance, within 3 s). */
function suggest(type?: 'company') {
  return async ({ ack, body, context, logger }: Args): Promise<void> => {
    const typed = typeof body.value === 'string' ? body.value.slice(0, MAX_QUERY_LENGTH) : '';
    try {
      const contacts =
        typed.trim() === ''
          ? []
          : await suggestContacts(workspaceOf(context), body.user.id, typed, { type, limit: SUGGESTIONS });
      await ack(contactOptions(contacts));
    } catch (error) {
      logger.error(`Typeahead failed: ${(error as Error).message}`);
      await ack({ options: [] });
    }
  };
}

export const suggestContactsForPicker = suggest();
export const suggestCompaniesForPicker = suggest('company');
