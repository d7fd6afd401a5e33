import { translator } from '../../src/i18n';
import type { ModalView } from '@slack/types';
import { ids } from '../../src/ids';
import { parseVisitModal, visitErrorsToBlockErrors } from '../../src/schemas/visit-modal';
import { stateFromInitialValues } from '../support/modal-state';
import type { InteractionType } from '../../src/services/setup/setup.types';
import type { VisitInput } from '../../src/services/visits/visit.types';
import { logVisitModal } from '../../src/views/visit/log-visit-modal.view';
import { longText } from '../fixtures/contact-fixtures';

const f = ids.visitField;
const today = '2026-11-25';
const types: InteractionType[] = [
  { code: 'VISIT', description: 'Visit', durationMin: 60, cost: 0, flow: 'outbound', initiatedBy: 'us' },
  { code: 'PHONE', description: 'Phone call', durationMin: 10, cost: 0, flow: 'outbound', initiatedBy: 'us' },
];
const context = { types, today };
const contactOption = { id: '65f0c0ffee0000000000000b', label: 'Kari Nordmann — Nordlys Maskin AS (CT000043)' };

type Json = Record<string, unknown>;

/** `view.state.values` as Slack sends it for a modal submitted untouched, with raw element-state overrides. */
function stateOf(view: ModalView, typed: Record<string, Json> = {}): Record<string, Record<string, Json>> {
  const values = stateFromInitialValues(view);
  for (const [blockId, override] of Object.entries(typed)) {
    const block = values[blockId];
    if (!block) throw new Error(`The modal has no input ${blockId}`);
    const [actionId, state] = Object.entries(block)[0]!;
    values[blockId] = { [actionId]: { ...state, ...override } };
  }
  return values;
}

const full: VisitInput = {
  contactId: contactOption.id,
  typeCode: 'PHONE',
  date: '2026-11-24',
  description: 'Talked about the new crane.\nThey want a quote by Friday.',
  evaluation: 'very_positive',
  successful: false,
  durationMin: 45,
  cost: 12.5,
  followUpDate: '2026-12-01',
};

function errorsFor(typed: Record<string, Json>, values: Partial<VisitInput> = full): Record<string, string> {
  const view = logVisitModal(translator('en'), {
    mode: 'create',
    types,
    today,
    values,
    contactOption,
    privateMetadata: '{}',
  });
  const result = parseVisitModal(stateOf(view, typed), context);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseVisitModal: round trip with logVisitModal', () => {
  it('reads back every field the modal was opened with', () => {
    const view = logVisitModal(translator('en'), {
      mode: 'edit',
      types,
      today,
      values: full,
      contactOption,
      privateMetadata: '{}',
    });
    expect(parseVisitModal(stateOf(view), context)).toEqual({ ok: true, input: full });
  });

  it('reads the defaults of a fresh modal: first type, today, neutral, successful, no duration/cost/follow-up', () => {
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: {},
      contactOption,
      privateMetadata: '{}',
    });
    expect(parseVisitModal(stateOf(view), context)).toEqual({
      ok: true,
      input: {
        contactId: contactOption.id,
        typeCode: 'VISIT',
        date: today,
        description: '',
        evaluation: 'neutral',
        successful: true,
      },
    });
  });

  it('keeps the (cut) message text as the description', () => {
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: {},
      contactOption,
      messageText: longText(40_000),
      privateMetadata: '{}',
    });
    const result = parseVisitModal(stateOf(view), context);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input.description.length).toBeLessThanOrEqual(3000);
    expect(result.input.description.length).toBeGreaterThan(2900);
  });
});

describe('parseVisitModal: errors on the right block', () => {
  it('takes the "did you mean" choice when the select is empty, and the select when both are used', () => {
    const candidates = [contactOption, { id: '65f0c0ffee0000000000000c', label: 'Nordlys Maskin AS (CT000042)' }];
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: full,
      contactCandidates: candidates,
      privateMetadata: '{}',
    });
    const chosen = { selected_option: { text: { type: 'plain_text', text: 'x' }, value: '65f0c0ffee0000000000000c' } };
    const byChoice = parseVisitModal(stateOf(view, { [f.contactChoice]: chosen }), context);
    expect(byChoice).toEqual({ ok: true, input: { ...full, contactId: '65f0c0ffee0000000000000c' } });
    const searched = { selected_option: { text: { type: 'plain_text', text: 'y' }, value: 'searched' } };
    const both = parseVisitModal(stateOf(view, { [f.contactChoice]: chosen, [f.contact]: searched }), context);
    expect(both).toEqual({ ok: true, input: { ...full, contactId: 'searched' } });
    expect(parseVisitModal(stateOf(view), context)).toEqual({
      ok: false,
      errors: { [f.contact]: 'Pick one of the contacts above, or search for another here.' },
    });
  });

  it('asks for a contact when none is picked', () => {
    const view = logVisitModal(translator('en'), { mode: 'create', types, today, values: {}, privateMetadata: '{}' });
    const result = parseVisitModal(stateOf(view), context);
    expect(result).toEqual({ ok: false, errors: { [f.contact]: expect.stringContaining('Pick the contact') } });
  });

  it('refuses a type that is not in setup', () => {
    expect(errorsFor({ [f.type]: { selected_option: { value: 'GONE' } } })).toEqual({
      [f.type]: expect.stringContaining('not in setup'),
    });
  });

  it('refuses a date more than a year after today, accepts exactly a year', () => {
    expect(errorsFor({ [f.date]: { selected_date: '2027-11-26' }, [f.followUp]: { selected_date: null } })).toEqual({
      [f.date]: 'A visit can be dated at most a year ahead (up to 2027-11-25). Check the year.',
    });
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: { ...full, date: '2027-11-25', followUpDate: undefined },
      contactOption,
      privateMetadata: '{}',
    });
    expect(parseVisitModal(stateOf(view), context).ok).toBe(true);
  });

  it('refuses a missing or impossible date', () => {
    expect(errorsFor({ [f.date]: { selected_date: null } })).toEqual({ [f.date]: 'Choose the date of the visit.' });
    expect(errorsFor({ [f.date]: { selected_date: '2026-02-30' } })).toMatchObject({
      [f.date]: expect.stringContaining('not a date'),
    });
  });

  it('refuses a negative or fractional duration and a negative or unreadable cost', () => {
    expect(errorsFor({ [f.duration]: { value: '-5' } })).toEqual({
      [f.duration]: expect.stringContaining('cannot be negative'),
    });
    expect(errorsFor({ [f.duration]: { value: '1.5' } })).toEqual({
      [f.duration]: expect.stringContaining('whole minutes'),
    });
    expect(errorsFor({ [f.cost]: { value: '-0.01' } })).toEqual({
      [f.cost]: expect.stringContaining('cannot be negative'),
    });
    expect(errorsFor({ [f.cost]: { value: '12 kr' } })).toEqual({ [f.cost]: expect.stringContaining('as a number') });
  });

  it('refuses a follow-up before the visit date, allows the same day', () => {
    expect(errorsFor({ [f.followUp]: { selected_date: '2026-11-23' } })).toEqual({
      [f.followUp]: 'The follow-up cannot be before the visit (2026-11-24). Choose a later date or leave it empty.',
    });
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: { ...full, followUpDate: full.date },
      contactOption,
      privateMetadata: '{}',
    });
    expect(parseVisitModal(stateOf(view), context).ok).toBe(true);
  });

  it('reports several problems at once, each on its own block', () => {
    const errors = errorsFor({
      [f.contact]: { selected_option: null },
      [f.duration]: { value: '-1' },
      [f.cost]: { value: '-1' },
    });
    expect(Object.keys(errors).sort()).toEqual([f.contact, f.cost, f.duration].sort());
  });

  it('puts "no types in setup" on the contact block, which every modal has', () => {
    const view = logVisitModal(translator('en'), {
      mode: 'create',
      types,
      today,
      values: full,
      contactOption,
      privateMetadata: '{}',
    });
    const result = parseVisitModal(stateOf(view), { types: [], today });
    expect(result).toEqual({ ok: false, errors: { [f.contact]: expect.stringContaining('No interaction types') } });
  });

  it('never throws on junk', () => {
    const junk: unknown[] = [
      undefined,
      null,
      42,
      'x',
      [],
      { [f.date]: 'x' },
      { [f.date]: { [f.date]: 7 } },
      { [f.contact]: { a: { selected_option: { value: 1 } } } },
    ];
    for (const values of junk) {
      const result = parseVisitModal(values, context);
      expect(result.ok).toBe(false);
    }
    expect(() =>
      parseVisitModal({}, { types: undefined as unknown as InteractionType[], today: 'junk' }),
    ).not.toThrow();
  });

  it('reads a state where Slack used another action id', () => {
    const view = logVisitModal(translator('en'), {
      mode: 'edit',
      types,
      today,
      values: full,
      contactOption,
      privateMetadata: '{}',
    });
    const state = stateOf(view);
    state[f.cost] = { other_action: { type: 'number_input', value: '99.999' } };
    const result = parseVisitModal(state, context);
    expect(result).toEqual({ ok: true, input: { ...full, cost: 100 } });
  });
});

describe('visitErrorsToBlockErrors', () => {
  it('maps service errors by field, form and unknown keys to the contact block', () => {
    expect(visitErrorsToBlockErrors({ contactId: 'Privacy blocked.', date: 'Too late.', form: 'Try again.' })).toEqual({
      [f.contact]: 'Privacy blocked. Try again.',
      [f.date]: 'Too late.',
    });
    expect(visitErrorsToBlockErrors({ followUpDate: 'No.', durationMin: 'Bad.', typeCode: '' })).toEqual({
      [f.followUp]: 'No.',
      [f.duration]: 'Bad.',
    });
  });
});
