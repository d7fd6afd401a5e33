import { translator } from '../../../src/i18n';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { defaultContactSetup } from '../../../src/services/setup/setup.defaults';
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

const tr = translator('en');

function card(overrides: Partial<ContactCardData> = {}) {
  return contactCard(
    {
      contact: company(),
      persons: threePersons,
      canEdit: true,
      canDelete: true,
      shareable: true,
      ...overrides,
    },
    tr,
  );
}

const actionIds = (blocks: unknown) => buttons(blocks).map((button) => button.action_id);

type Json = Record<string, unknown>;

/** The entries of the card's ⋯ menu as `label=value` (a lone entry is a button). */
function menu(blocks: unknown): string[] {
  for (const block of blocks as Json[]) {
    for (const element of (block.elements as Json[] | undefined) ?? []) {
      if (element.action_id !== 'contact_menu') continue;
      if (element.type === 'button') return [`${(element.text as Json).text as string}=${element.value as string}`];
      return (element.options as Json[]).map((o) => `${(o.text as Json).text as string}=${o.value as string}`);
    }
  }
  return [];
}

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
    expect(text).toContain('*VAT Reg. No.*\nNO 987 654 325 MVA');
  });

  it('shows codes with their descriptions from setup, and a code setup does not describe as it is', () => {
    const text = visibleText(
      card({ contact: company({ industryGroups: ['MANU', 'GONE'] }), codes: defaultContactSetup.codes }).blocks,
    );
    expect(text).toContain('*Territory*\nWest (WEST)');
    expect(text).toContain('*Industry groups*\nManufacturing (MANU), GONE');
    expect(text).toContain('*Business relations*\nCustomer (CUST)');
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

  it('lists a company’s first ten persons as buttons that open them, and how many more there are', () => {
    const persons = {
      persons: Array.from({ length: 10 }, (_, i) => summary({ id: `p${i}`, name: `Person ${i}`, no: `CT1000${i}` })),
      total: 14,
    };
    const blocks = card({ persons }).blocks;
    expect(visibleText(blocks)).toContain('*Persons (14)*');
    const opens = buttons(blocks).filter((b) => String(b.action_id).startsWith('contact_view_person_'));
    expect(opens.map((b) => b.action_id)).toContain('contact_view_person_9');
    expect(opens.map((b) => b.value)).toEqual(persons.persons.map((p) => p.id));
    expect((opens[0]!.text as Json).text).toBe(':bust_in_silhouette: Person 0');
    expect(visibleText(blocks)).toContain('_and 4 more_');
    expect(visibleText(card().blocks)).not.toContain('more');
    expect(visibleText(card({ persons: { persons: [], total: 0 } }).blocks)).toContain(
      '*Persons (0)*\nNo persons yet.',
    );
  });

  it('shows a person’s company with its No. and a button to open it, or that the person is independent', () => {
    const atCompany = card({
      contact: person(),
      persons: undefined,
      company: summary({ type: 'company', name: 'Nordlys Maskin AS', no: 'CT000042' }),
    });
    expect(atCompany.blocks[0]).toMatchObject({ text: { text: ':bust_in_silhouette: Kari Nordmann (CT000043)' } });
    expect(visibleText(atCompany.blocks)).toContain('*Person* · Company: Nordlys Maskin AS (CT000042)');
    expect(buttons(atCompany.blocks).find((b) => b.action_id === 'contact_view')).toMatchObject({
      text: { text: 'Open company' },
      value: summary().id,
    });
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

  it('has one primary action, Log visit, then New opportunity and Add task, and the rest in a ⋯ menu; each entry carries the contact id', () => {
    const id = '65f0c0ffee0000000000000a';
    const all = buttons(card().blocks).filter((b) => !String(b.action_id).startsWith('contact_view_person_'));
    expect(all.map((b) => [b.action_id, (b.text as Json).text, b.style, b.value])).toEqual([
      ['contact_add_person', 'Add person', undefined, id],
      ['contact_log_visit', 'Log visit', 'primary', id],
      ['opp_new_for_contact', 'New opportunity', undefined, id],
      ['task_add', 'Add task', undefined, id],
    ]);
    expect(menu(card({ canMerge: true }).blocks)).toEqual([
      `Edit=edit:${id}`,
      `Share to channel=share:${id}`,
      `Merge with…=merge:${id}`,
      `Delete…=delete:${id}`,
    ]);
    expect(menu(card().blocks).map((e) => e.split('=')[0])).toEqual(['Edit', 'Share to channel', 'Delete…']);
  });

  it('has Add person beside a company’s persons heading, whether it has persons or not', () => {
    const id = '65f0c0ffee0000000000000a';
    const accessories = (blocks: unknown) =>
      (blocks as Json[]).flatMap((b) => (b.accessory ? [b.accessory as Json] : []));
    const addPerson = (blocks: unknown) =>
      accessories(blocks)
        .filter((a) => a.action_id === 'contact_add_person')
        .map((a) => `${(a.text as Json).text as string}=${a.value as string}`);
    expect(addPerson(card().blocks)).toEqual([`Add person=${id}`]);
    expect(addPerson(card({ persons: { persons: [], total: 0 } }).blocks)).toEqual([`Add person=${id}`]);
    expect(addPerson(card({ contact: person(), persons: undefined }).blocks)).toEqual([]);
  });

  it('leaves out what the reader may not or cannot do; a lone entry is a button', () => {
    expect(
      menu(card({ canDelete: false, shareable: false, canMerge: true }).blocks).map((e) => e.split('=')[0]),
    ).toEqual(['Edit', 'Merge with…']);
    const lone = card({ contact: person(), persons: undefined, canDelete: false, shareable: false }).blocks;
    expect(menu(lone)).toEqual(['Edit=edit:65f0c0ffee0000000000000b']);
    expect(buttons(lone).find((b) => b.action_id === 'contact_menu')).toBeDefined();
  });

  it('warns about a privacy-blocked contact and offers no visit logging', () => {
    const blocked = card({ contact: company({ privacyBlocked: true }) });
    expect(visibleText(blocked.blocks)).toContain('Privacy blocked');
    expect(actionIds(blocked.blocks)).not.toContain('contact_log_visit');
    expect(actionIds(blocked.blocks)).not.toContain('task_add');
    expect(visibleText(card().blocks)).not.toContain('Privacy blocked');
  });

  it('asks in place before deleting, saying what goes with it, with Delete and Keep it', () => {
    const asked = (data: Partial<ContactCardData>) => card({ ...data, confirmDelete: true }).blocks;
    const blocks = asked({});
    expect(visibleText(blocks)).toContain(
      'Delete contact?* Delete Nordlys Maskin AS? Its 3 persons will be deleted too. Logged visits are kept.',
    );
    expect(
      buttons(blocks)
        .slice(-2)
        .map((b) => [b.action_id, (b.text as Json).text, b.style]),
    ).toEqual([
      ['contact_delete', 'Delete', 'danger'],
      ['contact_card_back', 'Keep it', undefined],
    ]);
    expect(menu(blocks)).toEqual([]);
    expect(visibleText(asked({ persons: { persons: [summary()], total: 1 } }))).toContain('Its 1 person will');
    expect(visibleText(asked({ contact: person(), persons: undefined }))).toContain(
      'Delete Kari Nordmann? Logged visits are kept.',
    );
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
    const message = contactCard(data, tr);
    expect(checkMessage(message)).toEqual([]);
    expect(checkMessage(contactCard({ ...data, confirmDelete: true, notice: longText(3000) }, tr))).toEqual([]);
    expect(checkView(contactCardModal({ ...data, shareable: false }, tr))).toEqual([]);
    const fieldCounts = message.blocks.flatMap((block) =>
      block.type === 'section' && block.fields ? [block.fields.length] : [],
    );
    expect(fieldCounts.reduce((sum, n) => sum + n, 0)).toBe(22);
    expect(checkMessage(contactSavedMessage(data, tr))).toEqual([]);
  });
});

describe('contactCardModal', () => {
  it('shows the card read-only with a Close button and no share', () => {
    const view = contactCardModal(
      {
        contact: company(),
        persons: threePersons,
        canEdit: true,
        canDelete: false,
        shareable: false,
      },
      tr,
    );
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'contact_card',
      private_metadata: '65f0c0ffee0000000000000a',
      title: { text: 'Contact' },
      close: { text: 'Close' },
    });
    expect(view.submit).toBeUndefined();
    expect(menu(view.blocks)).toEqual(['Edit=edit:65f0c0ffee0000000000000a']);
    expect(checkView(view)).toEqual([]);
  });
});

describe('contactSavedMessage', () => {
  it('confirms the save and shows the card ready to share', () => {
    const message = contactSavedMessage(
      {
        contact: company({ name: 'Nordlys & Sønn' }),
        persons: threePersons,
        canEdit: true,
        canDelete: false,
        created: true,
      },
      tr,
    );
    expect(message.text).toBe('Saved Nordlys & Sønn (CT000042)');
    expect(message.blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: ':white_check_mark: Saved *Nordlys &amp; Sønn* (CT000042)' }],
    });
    expect(message.blocks[1]).toMatchObject({ type: 'header' });
    expect(menu(message.blocks)).toContain('Share to channel=share:65f0c0ffee0000000000000a');
    expect(checkMessage(message)).toEqual([]);
  });
});
