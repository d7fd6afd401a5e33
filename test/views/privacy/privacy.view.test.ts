import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { cardMenuVerbs } from '../../../src/views/contact/contact-card.view';
import { erasureQuestionBlocks, privacyModal } from '../../../src/views/privacy/privacy.view';

const tr = translator('en');
const nb = translator('nb');
const contact = { id: '65f0c0ffee0000000000000a', no: 'CT000042', name: 'Nordlys Maskin AS', type: 'company' as const };

describe('the card’s ⋯ menu', () => {
  it('never has more than 5 entries, whoever looks; admins get Personal data…, others Update from the register', () => {
    for (const canEdit of [true, false])
      for (const shareable of [true, false])
        for (const canDelete of [true, false])
          for (const canUpdateFromRegister of [true, false])
            for (const canManagePrivacy of [true, false])
              for (const canMerge of [true, false]) {
                const verbs = cardMenuVerbs({
                  canEdit,
                  shareable,
                  canDelete,
                  canUpdateFromRegister,
                  canManagePrivacy,
                  canMerge,
                });
                expect(verbs.length).toBeLessThanOrEqual(5);
              }
    const all = {
      canEdit: true,
      shareable: true,
      canDelete: true,
      canUpdateFromRegister: true,
      canMerge: true,
    };
    expect(cardMenuVerbs({ ...all, canManagePrivacy: true })).toEqual(['edit', 'share', 'privacy', 'merge', 'delete']);
    expect(cardMenuVerbs({ ...all, canManagePrivacy: false })).toEqual([
      'edit',
      'share',
      'register',
      'merge',
      'delete',
    ]);
  });
});

describe('the Personal data modal', () => {
  it('offers Export and Erase…, and Update from the register for a company with an org.nr.', () => {
    const modal = privacyModal({ contact, persons: 3, canUpdateFromRegister: true }, tr);
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain('and its 3 persons');
    for (const id of [ids.privacy.actions.export, ids.privacy.actions.askErase, ids.actions.registerUpdate])
      expect(text).toContain(id);
    expect(
      JSON.stringify(privacyModal({ contact, persons: 0, canUpdateFromRegister: false }, tr).blocks),
    ).not.toContain(ids.actions.registerUpdate);
  });

  it('asks before erasing, in Norwegian too, naming what goes and what stays', () => {
    const plan = { contact, persons: 2, visitsAsContact: 4, visitsKept: 9, opportunities: 1, tasks: 0 };
    const text = JSON.stringify(erasureQuestionBlocks(plan, nb));
    expect(text).toContain('Slette Nordlys Maskin AS (CT000042)?');
    expect(text).toContain('De 2 personene i firmaet');
    expect(text).toContain('vist som «slettet firma»');
    expect(text).toContain('9 besøk: type, dato, selger, firma og tall');
    expect(text).not.toContain('uten tittel og notat');
  });
});
