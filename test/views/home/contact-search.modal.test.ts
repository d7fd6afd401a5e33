import { translator } from '../../../src/i18n';
import { contactSearchModal } from '../../../src/views/home/contact-search.modal';
import { checkView } from '../../harness/block-kit-checker';

describe('contactSearchModal', () => {
  it('is one contact typeahead that reports the pick at once, with the submit Slack requires', () => {
    const view = contactSearchModal(translator('en'));
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'contact_search_modal',
      title: { text: 'Find a contact' },
      submit: { text: 'Open' },
    });
    expect(view.blocks).toEqual([
      expect.objectContaining({
        type: 'input',
        block_id: 'visit_contact_search',
        dispatch_action: true,
        element: expect.objectContaining({
          type: 'external_select',
          action_id: 'home_contact_picked',
          min_query_length: 1,
        }),
      }),
    ]);
    expect(checkView(view)).toEqual([]);
  });
});
