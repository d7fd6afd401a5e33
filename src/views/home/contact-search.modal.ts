import type { ModalView } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { plain, SLACK } from '../contact/text';

/**
 * App Home "Search": one contact typeahead. Picking a contact sends block_actions (dispatch_action) with
 * ids.actions.homeContactPicked, so the card can open at once; "Open" submits the same pick for those who press it.
 * The typeahead's block_suggestion also arrives with ids.actions.homeContactPicked: the options listener must
 * answer it as it answers ids.actions.contactPicker.
 */
export function contactSearchModal(tr: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: ids.views.contactSearchModal,
    title: plain(tr.t('home.search.title'), SLACK.modalTitle),
    // Slack requires submit on a modal with an input block.
    submit: plain(tr.t('home.search.submit'), SLACK.modalTitle),
    close: plain(tr.t('visit.modal.cancel'), SLACK.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: ids.visitField.contactSearch,
        dispatch_action: true,
        label: plain(tr.t('home.search.label'), 200),
        hint: plain(tr.t('home.search.hint'), 500),
        element: {
          type: 'external_select',
          action_id: ids.actions.homeContactPicked,
          min_query_length: 1,
          placeholder: plain(tr.t('home.search.placeholder'), SLACK.placeholder),
        },
      },
    ],
  };
}
