import { translator } from '../../../src/i18n';
import type { ModalView } from '@slack/types';
import { ids } from '../../../src/ids';
import type { InteractionType } from '../../../src/services/setup/setup.types';
import {
  descriptionFromMessage,
  logVisitModal,
  typeOptionText,
  type LogVisitModalArgs,
} from '../../../src/views/visit/log-visit-modal.view';
import { checkView } from '../../harness/block-kit-checker';
import { blockById, elementOf, inputBlocks, longText, visibleText } from '../../fixtures/contact-fixtures';

const f = ids.visitField;
const visitType: InteractionType = {
  code: 'VISIT',
  description: 'Visit',
  durationMin: 60,
  cost: 0,
  flow: 'outbound',
  initiatedBy: 'us',
};
const phone: InteractionType = {
  code: 'PHONE',
  description: 'Phone call',
  durationMin: 10,
  cost: 0,
  flow: 'outbound',
  initiatedBy: 'us',
};

function modal(overrides: Partial<LogVisitModalArgs> = {}): ModalView {
  return logVisitModal(translator('en'), {
    mode: 'create',
    types: [visitType, phone],
    today: '2026-11-25',
    values: {},
    privateMetadata: '{"m":"c"}',
    ...overrides,
  });
}

type Json = Record<string, unknown>;
const contexts = (view: ModalView) => (view.blocks as unknown as Json[]).filter((block) => block.type === 'context');
const description = (view: ModalView) => elementOf(view, f.description).initial_value as string | undefined;

describe('logVisitModal', () => {
  it('opens with the title, buttons and every field in order', () => {
    const view = modal();
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'log_visit_modal',
      title: { text: 'Log visit' },
      submit: { text: 'Save' },
      close: { text: 'Cancel' },
      private_metadata: '{"m":"c"}',
    });
    expect(inputBlocks(view).map((block) => block.block_id)).toEqual([
      'visit_contact',
      'visit_type',
      'visit_date',
      'visit_description',
      'visit_evaluation',
      'visit_successful',
      'visit_duration',
      'visit_cost',
      'visit_follow_up',
    ]);
    expect(modal({ mode: 'edit' }).title.text).toBe('Edit visit');
    expect(checkView(view)).toEqual([]);
  });

  it('asks for a contact through the shared typeahead, pre-selected when known', () => {
    expect(elementOf(modal(), f.contact)).toMatchObject({
      type: 'external_select',
      action_id: 'contact_picker',
      min_query_length: 1,
    });
    expect(elementOf(modal(), f.contact).initial_option).toBeUndefined();
    expect(blockById(modal(), f.contact)?.optional).toBe(false);
    const picked = modal({ contactOption: { id: 'c1', label: 'Kari Nordmann (CT000043)' } });
    expect(elementOf(picked, f.contact).initial_option).toEqual({
      text: { type: 'plain_text', text: 'Kari Nordmann (CT000043)', emoji: true },
      value: 'c1',
    });
  });

  it('offers the contacts a message may mean as radio buttons above an optional select, none chosen', () => {
    const candidates = [
      { id: 'c1', label: 'Nordlys Maskin AS (CT000001)' },
      { id: 'c2', label: 'Fjellheim Bygg AS (CT000004)' },
    ];
    const view = modal({ contactCandidates: candidates });
    expect(
      inputBlocks(view)
        .map((block) => block.block_id)
        .slice(0, 2),
    ).toEqual([f.contactChoice, f.contact]);
    expect(blockById(view, f.contactChoice)).toMatchObject({
      optional: true,
      label: { text: 'Contact: which one did you mean?' },
      hint: { text: expect.stringContaining('Pick one, or search for another below') },
    });
    expect(elementOf(view, f.contactChoice)).toEqual({
      type: 'radio_buttons',
      action_id: f.contactChoice,
      options: candidates.map(({ id, label }) => ({
        text: { type: 'plain_text', text: label, emoji: true },
        value: id,
      })),
    });
    expect(blockById(view, f.contact)).toMatchObject({
      optional: true,
      label: { text: 'Or search for another contact' },
    });
    expect(elementOf(view, f.contact).initial_option).toBeUndefined();
    expect(checkView(view)).toEqual([]);
  });

  it('offers at most three, cuts long names to fit, and shows no choice when one contact is picked', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, label: longText(120) }));
    const view = modal({ contactCandidates: many });
    const options = elementOf(view, f.contactChoice).options as { text: { text: string } }[];
    expect(options).toHaveLength(3);
    expect(options.every((option) => [...option.text.text].length <= 75)).toBe(true);
    expect(checkView(view)).toEqual([]);
    const picked = modal({ contactOption: { id: 'c9', label: 'Kari Nordmann (CT000043)' }, contactCandidates: many });
    expect(blockById(picked, f.contactChoice)).toBeUndefined();
    expect(blockById(picked, f.contact)?.optional).toBe(false);
  });

  it('offers the types from setup as "Visit (60 min)", the first by default or the chosen one', () => {
    const select = elementOf(modal(), f.type) as {
      options: { text: { text: string }; value: string }[];
      initial_option: { value: string };
    };
    expect(select.options.map((o) => [o.text.text, o.value])).toEqual([
      ['Visit (60 min)', 'VISIT'],
      ['Phone call (10 min)', 'PHONE'],
    ]);
    expect(select.initial_option.value).toBe('VISIT');
    expect((elementOf(modal({ values: { typeCode: 'PHONE' } }), f.type).initial_option as Json).value).toBe('PHONE');
  });

  it('keeps the minutes visible when a type name is long', () => {
    const text = typeOptionText(translator('en'), { ...visitType, description: longText(200) });
    expect([...text].length).toBeLessThanOrEqual(75);
    expect(text.endsWith('(60 min)')).toBe(true);
  });

  it('dates the visit today by default, otherwise the given date', () => {
    expect(elementOf(modal(), f.date)).toMatchObject({ type: 'datepicker', initial_date: '2026-11-25' });
    expect(elementOf(modal({ values: { date: '2026-11-20' } }), f.date).initial_date).toBe('2026-11-20');
    expect(elementOf(modal(), f.followUp).initial_date).toBeUndefined();
    expect(blockById(modal(), f.followUp)?.optional).toBe(true);
  });

  it('lists the evaluations with emoji, neutral by default', () => {
    const select = elementOf(modal(), f.evaluation) as {
      options: { text: { text: string }; value: string }[];
      initial_option: { value: string };
    };
    expect(select.options.map((o) => o.value)).toEqual([
      'very_positive',
      'positive',
      'neutral',
      'negative',
      'very_negative',
    ]);
    expect(select.options[0]?.text.text).toBe(':star-struck: Very positive');
    expect(select.initial_option.value).toBe('neutral');
  });

  it('ticks "Successful" unless the attempt failed, and never requires the box', () => {
    expect(elementOf(modal(), f.successful).initial_options).toEqual([
      expect.objectContaining({ value: 'successful' }),
    ]);
    expect(elementOf(modal({ values: { successful: false } }), f.successful).initial_options).toBeUndefined();
    expect(blockById(modal(), f.successful)?.optional).toBe(true);
  });

  it('takes duration and cost as numbers ≥ 0, empty meaning the type’s default', () => {
    expect(elementOf(modal(), f.duration)).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '0',
    });
    expect(elementOf(modal(), f.cost)).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: true,
      min_value: '0',
    });
    expect(blockById(modal(), f.duration)).toMatchObject({
      optional: true,
      hint: { text: 'Empty = the type’s default.' },
    });
    expect(elementOf(modal(), f.duration).initial_value).toBeUndefined();
    expect(elementOf(modal({ values: { durationMin: 30, cost: 0 } }), f.duration).initial_value).toBe('30');
    expect(elementOf(modal({ values: { durationMin: 30, cost: 0 } }), f.cost).initial_value).toBe('0');
  });

  it('pre-fills the description from the message, readable, with a link back to it', () => {
    const view = modal({
      messageText: 'Met <@U0KARI|kari> at <https://nordlys.no|Nordlys> &amp; agreed on &lt;3 cranes&gt;',
      permalink: 'https://acme.slack.com/archives/C1/p123',
    });
    expect(description(view)).toBe('Met @kari at Nordlys (https://nordlys.no) & agreed on <3 cranes>');
    expect(elementOf(view, f.description)).toMatchObject({ multiline: true, max_length: 3000 });
    expect(visibleText(contexts(view))).toBe('<https://acme.slack.com/archives/C1/p123|From this message>');
    expect(checkView(view)).toEqual([]);
  });

  it('prefers the visit’s own description (edit) over the message', () => {
    expect(description(modal({ values: { description: 'Stored' }, messageText: 'From message' }))).toBe('Stored');
  });

  it('cuts a 40,000-character message to 3,000 with a visible note', () => {
    const view = modal({
      messageText: longText(40_000, 'Å ø😀x'),
      permalink: 'https://acme.slack.com/archives/C1/p123',
    });
    const text = description(view) as string;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(visibleText(contexts(view))).toContain(
      'The message has 40000 characters; only the first 3000 fit in the description.',
    );
    expect(checkView(view)).toEqual([]);
    // Markup and entities count as what they turn into.
    expect(checkView(modal({ messageText: longText(40_000) }))).toEqual([]);
  });

  it('shows no note when the message fits exactly', () => {
    const view = modal({ messageText: 'a'.repeat(3000) });
    expect(description(view)).toBe('a'.repeat(3000));
    expect(contexts(view)).toEqual([]);
  });

  it('leaves the description empty for an emoji-only, blank or attachments-only message', () => {
    for (const messageText of [':tada: :+1::skin-tone-3:', '🎉👍🏽 🇳🇴 👨‍👩‍👧', '   ', '', undefined]) {
      const view = modal({ messageText });
      expect(description(view)).toBeUndefined();
      expect(checkView(view)).toEqual([]);
    }
    expect(descriptionFromMessage('Great meeting :tada:').text).toBe('Great meeting :tada:');
  });

  it('leaves out a link that is not a Slack permalink', () => {
    for (const permalink of [
      'javascript:alert(1)',
      'https://x.slack.com/a|b',
      `https://x.slack.com/${'a'.repeat(3000)}`,
    ]) {
      expect(contexts(modal({ permalink }))).toEqual([]);
    }
  });

  it('stays within Slack’s limits with worst-case data', () => {
    const types = Array.from({ length: 150 }, (_, i) => ({
      ...visitType,
      code: `T${i}`,
      description: longText(300),
      durationMin: 99999,
    }));
    const view = modal({
      types,
      values: { description: longText(5000), typeCode: 'T149', durationMin: 1e9, cost: 1e9 },
      contactOption: { id: '65f0c0ffee0000000000000b', label: longText(300) },
      permalink: 'https://acme.slack.com/archives/C1/p123',
    });
    expect(checkView(view)).toEqual([]);
    expect((elementOf(view, f.type).options as unknown[]).length).toBe(100);
  });

  it('says so instead of drawing an empty type list', () => {
    const view = modal({ types: [] });
    expect(blockById(view, f.type)).toMatchObject({ type: 'section' });
    expect(visibleText([blockById(view, f.type)])).toContain('No interaction types');
    expect(checkView(view)).toEqual([]);
  });

  it('refuses private_metadata Slack would reject', () => {
    expect(() => modal({ privateMetadata: 'x'.repeat(3001) })).toThrow(RangeError);
  });
});
