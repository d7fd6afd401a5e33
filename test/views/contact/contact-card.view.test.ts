import type { Contact } from '../../../src/services/contacts/contact.types';
import { contactCard, contactCardModal, type ContactCardData } from '../../../src/views/contact/contact-card.view';
import { contactSavedMessage } from '../../../src/views/contact/contact-saved.message';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import {
  buttons,
  company,
  longText,
  person,
  summary,
  visibleText,
  worstSummary,
} from '../../fixtures/contact-fixtures';

const threePersons = {
  persons: [
    summary({ name: 'Kari Nordmann', no: 'CT000043' }),
    summary({ name: 'Ola Nordmann', no: 'CT000044' }),
    summary({ name: 'Per Hansen', no: 'CT000045' }),
  ],
  total: 3,
};

function card(overrides: Partial<ContactCardData> = {}) {
  return contactCard({
    contact: company(),
    persons: threePersons,
    canEdit: true,
    canDelete: true,
    shareable: true,
    ...overrides,
  });
}

const actionIds = (blocks: unknown) => buttons(blocks).map((button) => button.action_id);

describe('contactCard', () => {
  it('heads the card with the type, name and No., and says it in the notification text', () => {
    const message = card();
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':office: Nordlys Maskin AS (CT000042)', emoji: true },
    });
    expect(message.text).toBe('Nordlys Maskin AS (CT000042) · Company');
    expect(visibleText(message.blocks)).toContain('*Company*');
  });

  it('links phone, e-mail, home page and salesperson so they can be tapped', () => {
    const text = visibleText(card().blocks);
    expect(text).toContain('*Phone*\n<tel:+4755123456|+47 55 12 34 56>');
    expect(text).toContain('*E-mail*\n<mailto:post@nordlys.no|post@nordlys.no>');
    expect(text).toContain('*Home page*\n<https://nordlys.no|nordlys.no>');
    expect(text).toContain('*Salesperson*\n<@U0SALES1>');
    expect(text).toContain('*Industry groups*\nMANU, MARINE');
    expect(text).toContain('*VAT Reg. No.*\nNO 987 654 321 MVA');
  });

  it('dials the digits typed when no normalized number is stored', () => {
    const text = visibleText(card({ contact: company({ phoneE164: undefined, mobile: '912 34 567' }) }).blocks);
    expect(text).toContain('<tel:+4755123456|+47 55 12 34 56>');
    expect(text).toContain('*Mobile phone*\n<tel:91234567|912 34 567>');
  });

  it('shows only filled fields, and a search name only when it differs from the name', () => {
    const text = visibleText(
      card({ contact: company({ name2: undefined, county: '  ', searchName: 'NORDLYS MASKIN AS' }) }).blocks,
    );
    expect(text).not.toContain('Name 2');
    expect(text).not.toContain('County');
    expect(text).not.toContain('Search name');
    expect(visibleText(card({ contact: company({ searchName: 'NLM' }) }).blocks)).toContain('*Search name*\nNLM');
  });

  it('escapes what users typed so it cannot format or mention', () => {
    const text = visibleText(
      card({ contact: company({ address: 'Bak <!channel> & co', homePage: 'javascript:alert(1)' }) }).blocks,
    );
    expect(text).toContain('Bak &lt;!channel&gt; &amp; co');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('*Home page*\njavascript:alert(1)');
  });

  it('lists a company’s first ten persons and how many more there are', () => {
    const persons = {
      persons: Array.from({ length: 10 }, (_, i) => summary({ name: `Person ${i}`, no: `CT1000${i}` })),
      total: 14,
    };
    const text = visibleText(card({ persons }).blocks);
    expect(text).toContain('*Persons (14)*\n• Person 0 (CT10000)');
    expect(text).toContain('• Person 9 (CT10009)\n_and 4 more_');
    expect(visibleText(card().blocks)).not.toContain('more');
    expect(visibleText(card({ persons: { persons: [], total: 0 } }).blocks)).toContain(
      '*Persons (0)*\nNo persons yet.',
    );
  });

  it('shows a person’s company with its No., or that the person is independent', () => {
    const atCompany = card({
      contact: person(),
      persons: undefined,
      company: summary({ type: 'company', name: 'Nordlys Maskin AS', no: 'CT000042' }),
    });
    expect(atCompany.blocks[0]).toMatchObject({ text: { text: ':bust_in_silhouette: Kari Nordmann (CT000043)' } });
    expect(visibleText(atCompany.blocks)).toContain('*Person* · Company: Nordlys Maskin AS (CT000042)');
    expect(visibleText(atCompany.blocks)).toContain('*Job title*\nPurchasing manager');
    const independent = card({ contact: person({ companyId: null, companyName: undefined }), persons: undefined });
    expect(visibleText(independent.blocks)).toContain('Independent person (no company)');
  });

  it('counts interactions and shows the last date in the reader’s own format', () => {
    const withVisits = card({
      contact: company({ stats: { interactionCount: 7, lastInteractionAt: new Date('2024-05-01T10:00:00Z') } }),
    });
    expect(visibleText(withVisits.blocks)).toContain(
      'Interactions: 7 · Last: <!date^1714557600^{date_short}|2024-05-01>',
    );
    expect(visibleText(card().blocks)).toContain('Interactions: 0 · Last: —');
  });

  it('offers every button to someone who may do everything; each carries the contact id', () => {
    const all = buttons(card().blocks);
    expect(all.map((b) => [b.action_id, (b.text as { text: string }).text])).toEqual([
      ['contact_edit', 'Edit'],
      ['contact_add_person', 'Add person'],
      ['contact_log_visit', 'Log visit'],
      ['contact_share', 'Share to channel'],
      ['contact_delete', 'Delete'],
    ]);
    expect(new Set(all.map((b) => b.value))).toEqual(new Set(['65f0c0ffee0000000000000a']));
  });

  it('leaves out what the reader may not or cannot do', () => {
    expect(actionIds(card({ canEdit: false, canDelete: false, shareable: false }).blocks)).toEqual([
      'contact_add_person',
      'contact_log_visit',
    ]);
    expect(actionIds(card({ contact: person(), persons: undefined }).blocks)).not.toContain('contact_add_person');
  });

  it('warns about a privacy-blocked contact and offers no visit logging', () => {
    const blocked = card({ contact: company({ privacyBlocked: true }) });
    expect(visibleText(blocked.blocks)).toContain('Privacy blocked');
    expect(actionIds(blocked.blocks)).not.toContain('contact_log_visit');
    expect(visibleText(card().blocks)).not.toContain('Privacy blocked');
  });

  it('asks before deleting, saying what goes with it', () => {
    const del = (data: Partial<ContactCardData>) =>
      buttons(card(data).blocks).find((b) => b.action_id === 'contact_delete');
    expect(del({})).toMatchObject({
      style: 'danger',
      confirm: {
        title: { text: 'Delete contact?' },
        text: { text: 'Delete Nordlys Maskin AS? Its 3 persons will be deleted too. Logged visits are kept.' },
        confirm: { text: 'Delete' },
        deny: { text: 'Cancel' },
        style: 'danger',
      },
    });
    expect(del({ persons: { persons: [summary()], total: 1 } })?.confirm).toMatchObject({
      text: { text: 'Delete Nordlys Maskin AS? Its 1 person will be deleted too. Logged visits are kept.' },
    });
    expect(del({ contact: person(), persons: undefined })?.confirm).toMatchObject({
      text: { text: 'Delete Kari Nordmann? Logged visits are kept.' },
    });
  });

  it('stays within Slack limits with every field at its longest and ten persons', () => {
    const long = (n: number) => longText(n);
    const codes = Array.from({ length: 50 }, (_, i) => `C${String(i).padStart(9, '0')}`);
    const worst: Contact = company({
      name: long(100),
      no: long(20),
      name2: long(100),
      searchName: longText(100, 'søk&'),
      address: long(100),
      address2: long(50),
      postCode: long(20),
      city: long(30),
      county: long(30),
      country: long(10),
      phone: long(30),
      phoneE164: undefined,
      mobile: long(30),
      email: `${'k'.repeat(70)}@x.no`,
      homePage: `https://${'&<>|'.repeat(48)}`,
      salespersonId: long(20),
      territory: long(10),
      language: long(10),
      vatRegNo: long(20),
      industryGroups: codes,
      businessRelations: codes,
      jobResponsibilities: codes,
      jobTitle: long(30),
      organizationalLevel: long(10),
      salutation: long(10),
      privacyBlocked: true,
      stats: { interactionCount: 123456, lastInteractionAt: new Date() },
    });
    const data: ContactCardData = {
      contact: worst,
      persons: { persons: Array.from({ length: 10 }, (_, i) => worstSummary(i)), total: 100000 },
      canEdit: true,
      canDelete: true,
      shareable: true,
    };
    const message = contactCard(data);
    expect(checkMessage(message)).toEqual([]);
    expect(checkView(contactCardModal({ ...data, shareable: false }))).toEqual([]);
    const fieldCounts = message.blocks.flatMap((block) =>
      block.type === 'section' && block.fields ? [block.fields.length] : [],
    );
    expect(fieldCounts.reduce((sum, n) => sum + n, 0)).toBe(22);
    const confirm = buttons(message.blocks).find((b) => b.action_id === 'contact_delete')?.confirm as {
      text: { text: string };
    };
    expect([...confirm.text.text].length).toBeLessThanOrEqual(300);
    expect(checkMessage(contactSavedMessage(data))).toEqual([]);
  });
});

describe('contactCardModal', () => {
  it('shows the card read-only with a Close button and no share', () => {
    const view = contactCardModal({
      contact: company(),
      persons: threePersons,
      canEdit: true,
      canDelete: false,
      shareable: false,
    });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'contact_card',
      title: { text: 'Contact' },
      close: { text: 'Close' },
    });
    expect(view.submit).toBeUndefined();
    expect(actionIds(view.blocks)).toEqual(['contact_edit', 'contact_add_person', 'contact_log_visit']);
    expect(checkView(view)).toEqual([]);
  });
});

describe('contactSavedMessage', () => {
  it('confirms the save and shows the card ready to share', () => {
    const message = contactSavedMessage({
      contact: company({ name: 'Nordlys & Sønn' }),
      persons: threePersons,
      canEdit: true,
      canDelete: false,
      created: true,
    });
    expect(message.text).toBe('Saved Nordlys & Sønn (CT000042)');
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':white_check_mark: Saved *Nordlys &amp; Sønn* (CT000042)' },
    });
    expect(message.blocks[1]).toMatchObject({ type: 'header' });
    expect(actionIds(message.blocks)).toContain('contact_share');
    expect(checkMessage(message)).toEqual([]);
  });
});
