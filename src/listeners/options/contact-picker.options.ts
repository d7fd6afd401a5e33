import { MAX_QUERY_LENGTH } from '../../schemas/search-query';
import { suggestContacts } from '../../services/contacts/contact-search.service';
import { contactOptions } from '../../views/contact/contact-option';
import { guardedOptions, workspaceIdOf, type OptionsArgs } from '../frame';

const SUGGESTIONS = 20;

/** Typeahead for any contact picker: the search's best 20, answered in the ack (the only chance, within 3 s). */
function suggest(type?: 'company') {
  return (args: OptionsArgs): Promise<void> =>
    guardedOptions(args, 'Typeahead', async () => {
      const typed = typeof args.body.value === 'string' ? args.body.value.slice(0, MAX_QUERY_LENGTH) : '';
      if (typed.trim() === '') return { options: [] };
      return contactOptions(
        await suggestContacts(workspaceIdOf(args), args.body.user.id, typed, { type, limit: SUGGESTIONS }),
      );
    });
}

export const suggestContactsForPicker = suggest();
export const suggestCompaniesForPicker = suggest('company');
