/**
 * Every limit is probed at its boundary: the fixture at the limit must pass and the one just past it must be
 * flagged with a pointer to the offending field. A checker that flags nothing or everything fails here.
 */
import { checkMessage, checkOptions, checkView, LIMITS } from './block-kit-checker';

const x = (n: number) => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (text = 'a', value = 'a', extra: object = {}) => ({ text: plain(text), value, ...extra });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`, `v${i}`));
const button = (extra: object = {}) => ({ type: 'button', action_id: 'b', text: plain('Go'), ...extra });
const divider = { type: 'divider' };
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });

const modal = (blocks: unknown[], extra: object = {}) => ({
  type: 'modal',
  title: plain('Contact'),
  submit: plain('Save'),
  close: plain('Cancel'),
  blocks,
  ...extra,
});
const message = (blocks: unknown[], extra: object = {}) => ({ text: 'fallback', blocks, ...extra });
const inputWith = (element: object, extra: object = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Label'),
  element,
  ...extra,
});
const actionsWith = (...elements: object[]) => ({ type: 'actions', block_id: 'act', elements });
const selectWith = (extra: object) => ({ type: 'static_select', action_id: 's', placeholder: plain('Pick'), ...extra });

interface BoundaryCase {
  what: string;
  limit: number;
  build: (n: number) => unknown;
  check: (value: never) => string[];
  pointer: string;
}

const boundaryCases: BoundaryCase[] = [
  {
    what: 'blocks per message',
    limit: 50,
    build: (n) => message(Array(n).fill(divider)),
    check: checkMessage,
    pointer: '/blocks]',
  },
  {
    what: 'blocks per modal',
    limit: 100,
    build: (n) => modal(Array(n).fill(divider)),
    check: checkView,
    pointer: '/view/blocks]',
  },
  {
    what: 'blocks per Home tab',
    limit: 100,
    build: (n) => ({ type: 'home', blocks: Array(n).fill(divider) }),
    check: checkView,
    pointer: '/view/blocks]',
  },
  {
    what: 'section text',
    limit: 3000,
    build: (n) => message([section(x(n))]),
    check: checkMessage,
    pointer: '/blocks/0/text/text',
  },
  {
    what: 'section fields count',
    limit: 10,
    build: (n) => message([{ type: 'section', fields: Array(n).fill(mrkdwn('f')) }]),
    check: checkMessage,
    pointer: '/blocks/0/fields]',
  },
  {
    what: 'section field text',
    limit: 2000,
    build: (n) => message([{ type: 'section', fields: [mrkdwn(x(n))] }]),
    check: checkMessage,
    pointer: '/blocks/0/fields/0/text',
  },
  {
    what: 'header text',
    limit: 150,
    build: (n) => message([{ type: 'header', text: plain(x(n)) }]),
    check: checkMessage,
    pointer: '/blocks/0/text/text',
  },
  {
    what: 'button text',
    limit: 75,
    build: (n) => message([actionsWith(button({ text: plain(x(n)) }))]),
    check: checkMessage,
    pointer: '/elements/0/text/text',
  },
  {
    what: 'button value',
    limit: 2000,
    build: (n) => message([actionsWith(button({ value: x(n) }))]),
    check: checkMessage,
    pointer: '/elements/0/value',
  },
  {
    what: 'button url',
    limit: 3000,
    build: (n) => message([actionsWith(button({ url: x(n) }))]),
    check: checkMessage,
    pointer: '/elements/0/url',
  },
  {
    what: 'option text',
    limit: 75,
    build: (n) => message([actionsWith(selectWith({ options: [option(x(n))] }))]),
    check: checkMessage,
    pointer: '/options/0/text/text',
  },
  {
    what: 'option value',
    limit: 75,
    build: (n) => message([actionsWith(selectWith({ options: [option('a', x(n))] }))]),
    check: checkMessage,
    pointer: '/options/0/value',
  },
  {
    what: 'option description',
    limit: 75,
    build: (n) => message([actionsWith(selectWith({ options: [option('a', 'a', { description: plain(x(n)) })] }))]),
    check: checkMessage,
    pointer: '/options/0/description/text',
  },
  {
    what: 'static_select options',
    limit: 100,
    build: (n) => modal([inputWith(selectWith({ options: options(n) }))]),
    check: checkView,
    pointer: '/view/blocks/0/element/options]',
  },
  {
    what: 'static_select option_groups',
    limit: 100,
    build: (n) =>
      modal([
        inputWith(
          selectWith({ option_groups: Array.from({ length: n }, () => ({ label: plain('g'), options: options(1) })) }),
        ),
      ]),
    check: checkView,
    pointer: '/element/option_groups]',
  },
  {
    what: 'external_select reply options',
    limit: 100,
    build: (n) => ({ options: options(n) }),
    check: checkOptions,
    pointer: '[json-pointer:/options]',
  },
  {
    what: 'external_select reply option_groups',
    limit: 100,
    build: (n) => ({ option_groups: Array.from({ length: n }, () => ({ label: plain('g'), options: options(1) })) }),
    check: checkOptions,
    pointer: '[json-pointer:/option_groups]',
  },
  {
    what: 'checkboxes options',
    limit: 10,
    build: (n) => modal([inputWith({ type: 'checkboxes', action_id: 'c', options: options(n) })]),
    check: checkView,
    pointer: '/element/options]',
  },
  {
    what: 'radio_buttons options',
    limit: 10,
    build: (n) => modal([inputWith({ type: 'radio_buttons', action_id: 'r', options: options(n) })]),
    check: checkView,
    pointer: '/element/options]',
  },
  {
    what: 'overflow options',
    limit: 5,
    build: (n) => message([actionsWith({ type: 'overflow', action_id: 'o', options: options(n) })]),
    check: checkMessage,
    pointer: '/elements/0/options]',
  },
  {
    what: 'actions elements',
    limit: 25,
    build: (n) => message([actionsWith(...Array.from({ length: n }, (_, i) => button({ action_id: `b${i}` })))]),
    check: checkMessage,
    pointer: '/blocks/0/elements]',
  },
  {
    what: 'context elements',
    limit: 10,
    build: (n) => message([{ type: 'context', elements: Array(n).fill(mrkdwn('c')) }]),
    check: checkMessage,
    pointer: '/blocks/0/elements]',
  },
  {
    what: 'input label',
    limit: 2000,
    build: (n) => modal([{ ...inputWith({ type: 'plain_text_input', action_id: 'p' }), label: plain(x(n)) }]),
    check: checkView,
    pointer: '/label/text',
  },
  {
    what: 'input hint',
    limit: 2000,
    build: (n) => modal([inputWith({ type: 'plain_text_input', action_id: 'p' }, { hint: plain(x(n)) })]),
    check: checkView,
    pointer: '/hint/text',
  },
  {
    what: 'plain_text_input max_length',
    limit: 3000,
    build: (n) => modal([inputWith({ type: 'plain_text_input', action_id: 'p', max_length: n })]),
    check: checkView,
    pointer: '/element/max_length',
  },
  {
    what: 'placeholder',
    limit: 150,
    build: (n) => modal([inputWith({ type: 'plain_text_input', action_id: 'p', placeholder: plain(x(n)) })]),
    check: checkView,
    pointer: '/placeholder/text',
  },
  {
    what: 'action_id',
    limit: 255,
    build: (n) => message([actionsWith(button({ action_id: x(n) }))]),
    check: checkMessage,
    pointer: '/elements/0/action_id',
  },
  {
    what: 'block_id',
    limit: 255,
    build: (n) => message([{ ...divider, block_id: x(n) }]),
    check: checkMessage,
    pointer: '/blocks/0/block_id',
  },
  {
    what: 'callback_id',
    limit: 255,
    build: (n) => modal([], { callback_id: x(n) }),
    check: checkView,
    pointer: '/view/callback_id',
  },
  {
    what: 'external_id',
    limit: 255,
    build: (n) => modal([], { external_id: x(n) }),
    check: checkView,
    pointer: '/view/external_id',
  },
  {
    what: 'modal title',
    limit: 24,
    build: (n) => modal([], { title: plain(x(n)) }),
    check: checkView,
    pointer: '/view/title/text',
  },
  {
    what: 'modal submit',
    limit: 24,
    build: (n) => modal([], { submit: plain(x(n)) }),
    check: checkView,
    pointer: '/view/submit/text',
  },
  {
    what: 'modal close',
    limit: 24,
    build: (n) => modal([], { close: plain(x(n)) }),
    check: checkView,
    pointer: '/view/close/text',
  },
  {
    what: 'private_metadata',
    limit: 3000,
    build: (n) => modal([], { private_metadata: x(n) }),
    check: checkView,
    pointer: '/view/private_metadata',
  },
  { what: 'chat text', limit: 4000, build: (n) => ({ text: x(n) }), check: checkMessage, pointer: '/text]' },
];

describe('Block Kit limits at their boundary', () => {
  it('knows the limits of the platform notes', () => {
    expect(LIMITS).toMatchObject({
      messageBlocks: 50,
      viewBlocks: 100,
      modalTitle: 24,
      optionValue: 75,
      privateMetadata: 3000,
    });
  });

  it.each(boundaryCases)('$what: $limit passes, one more is flagged', ({ limit, build, check, pointer }) => {
    expect(check(build(limit) as never)).toEqual([]);
    const violations = check(build(limit + 1) as never);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(pointer);
  });
});

describe('Block Kit rules that are not lengths', () => {
  const textInput = (actionId = 'p') => ({ type: 'plain_text_input', action_id: actionId });

  it('requires block_ids unique in a view', () => {
    const twice = modal([
      { ...divider, block_id: 'same' },
      { ...divider, block_id: 'same' },
    ]);
    expect(checkView(twice)).toEqual([
      expect.stringContaining('block_id "same" is not unique [json-pointer:/view/blocks/1/block_id]'),
    ]);
    expect(
      checkView(
        modal([
          { ...divider, block_id: 'a' },
          { ...divider, block_id: 'b' },
        ]),
      ),
    ).toEqual([]);
  });

  it('requires action_ids unique within a block, not across blocks', () => {
    expect(checkMessage(message([actionsWith(button(), button())]))).toEqual([
      expect.stringContaining('action_id "b" is not unique in its block'),
    ]);
    expect(
      checkMessage(
        message([
          { ...actionsWith(button()), block_id: 'one' },
          { ...actionsWith(button()), block_id: 'two' },
        ]),
      ),
    ).toEqual([]);
  });

  it('requires submit on a modal with an input block', () => {
    const { submit: _submit, ...withoutSubmit } = modal([inputWith(textInput())]);
    expect(checkView(withoutSubmit)).toEqual([expect.stringContaining('must define submit')]);
    expect(checkView(modal([inputWith(textInput())]))).toEqual([]);
    const { submit: _s, ...readOnly } = modal([section('no inputs')]);
    expect(checkView(readOnly)).toEqual([]);
  });

  it('accepts only modal and home views, and a modal needs a title', () => {
    expect(checkView({ type: 'dialog', blocks: [] })).toEqual([
      expect.stringContaining('view type must be modal or home'),
    ]);
    expect(checkView({ type: 'home', blocks: [] })).toEqual([]);
    expect(checkView({ type: 'modal', blocks: [] })).toEqual([expect.stringContaining('/view/title')]);
  });

  it('rejects unknown block types and element types', () => {
    expect(checkMessage(message([{ type: 'sektion', text: mrkdwn('a') }]))).toEqual([
      expect.stringContaining('unknown block type "sektion"'),
    ]);
    expect(checkMessage(message([actionsWith({ type: 'buton', action_id: 'x' })]))).toEqual([
      expect.stringContaining('unknown element type "buton"'),
    ]);
  });

  it('requires plain_text where Slack does and non-empty text everywhere', () => {
    expect(checkMessage(message([actionsWith(button({ text: mrkdwn('Go') }))]))).toEqual([
      expect.stringContaining('text type must be plain_text'),
    ]);
    expect(checkMessage(message([{ type: 'header', text: mrkdwn('H') }]))).toEqual([
      expect.stringContaining('/blocks/0/text/type'),
    ]);
    expect(checkView(modal([], { title: mrkdwn('T') }))).toEqual([expect.stringContaining('/view/title/type')]);
    expect(checkMessage(message([section('')]))).toEqual([expect.stringContaining('non-empty')]);
    expect(checkMessage(message([{ type: 'section', text: 'bare string' }]))).toEqual([
      expect.stringContaining('must be a text object'),
    ]);
    // checkboxes may use mrkdwn options, selects may not
    const mrkdwnOption = { text: mrkdwn('*a*'), value: 'a' };
    expect(checkView(modal([inputWith({ type: 'checkboxes', action_id: 'c', options: [mrkdwnOption] })]))).toEqual([]);
    expect(checkView(modal([inputWith(selectWith({ options: [mrkdwnOption] }))]))).toEqual([
      expect.stringContaining('plain_text'),
    ]);
  });

  it('refuses input blocks in messages but allows them in modals and Home tabs', () => {
    expect(checkMessage(message([inputWith(textInput())]))).toEqual([
      expect.stringContaining('input blocks are only allowed'),
    ]);
    expect(checkView({ type: 'home', blocks: [inputWith(textInput())] })).toEqual([]);
  });

  it('requires a section to have text or fields', () => {
    expect(checkMessage(message([{ type: 'section' }]))).toEqual([expect.stringContaining('either text or fields')]);
  });

  it('counts characters, not UTF-16 units (emoji)', () => {
    expect(checkView(modal([], { title: plain('😀'.repeat(24)) }))).toEqual([]);
    expect(checkView(modal([], { title: plain('😀'.repeat(25)) }))).toHaveLength(1);
  });

  it('accepts an empty external_select reply (no match) but not a missing list', () => {
    expect(checkOptions({ options: [] })).toEqual([]);
    expect(checkOptions({})).toEqual([expect.stringContaining('needs options or option_groups')]);
  });

  it('checks blocks inside attachments', () => {
    expect(checkMessage({ text: 't', attachments: [{ blocks: [section(x(3001))] }] })).toEqual([
      expect.stringContaining('/attachments/0/blocks/0/text/text'),
    ]);
  });

  it('passes a realistic contact modal', () => {
    const view = modal(
      [
        { type: 'header', text: plain('Jane Doe') },
        inputWith(textInput('name'), { block_id: 'name', hint: plain('Full name') }),
        inputWith(
          { type: 'external_select', action_id: 'company_select', min_query_length: 3, placeholder: plain('Company') },
          { block_id: 'company' },
        ),
        inputWith({ type: 'email_text_input', action_id: 'email' }, { block_id: 'email', optional: true }),
        {
          type: 'context',
          elements: [
            mrkdwn('Last visit *2024-05-01*'),
            { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'avatar' },
          ],
        },
        { type: 'section', block_id: 'more', text: mrkdwn('*Tags*'), accessory: selectWith({ options: options(3) }) },
      ],
      { callback_id: 'new_contact', private_metadata: '{"channel":"C0001"}' },
    );
    expect(checkView(view)).toEqual([]);
  });
});
