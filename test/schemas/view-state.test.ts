import { StateReader } from '../../src/schemas/view-state';
import { stateValue } from '../harness/payloads';

describe('StateReader', () => {
  it('reads each block under the action id the modal gives it, by one id or a rule per block', () => {
    const values = {
      one: { value: stateValue.plainText('typed'), other: stateValue.plainText('not this') },
      two: { two: stateValue.staticSelect('B'), value: stateValue.plainText('not this') },
    };
    expect(new StateReader(values, 'value').single('one')).toBe('typed');
    const perBlock = new StateReader(values, (blockId) => (blockId === 'two' ? 'two' : 'value'));
    expect([perBlock.single('one'), perBlock.single('two')]).toEqual(['typed', 'B']);
  });

  it('falls back to the single element a block holds when Slack used another action id', () => {
    const reader = new StateReader({ when: { renamed: stateValue.datepicker('2026-11-24') } }, 'value');
    expect(reader.single('when')).toBe('2026-11-24');
  });

  it('reads every kind of element, and nothing entered as undefined or an empty list', () => {
    const reader = new StateReader(
      {
        user: { value: stateValue.usersSelect('U0KARI') },
        time: { value: stateValue.timepicker('09:30') },
        boxes: { value: stateValue.checkboxes([{ value: 'on' }, { value: 'off' }]) },
        users: { value: { type: 'multi_users_select', selected_users: ['U1', 7, 'U2'] } },
        empty: { value: stateValue.staticSelect(null) },
      },
      'value',
    );
    expect([reader.single('user'), reader.single('time'), reader.single('empty')]).toEqual([
      'U0KARI',
      '09:30',
      undefined,
    ]);
    expect([reader.many('boxes'), reader.many('users'), reader.many('empty'), reader.many('missing')]).toEqual([
      ['on', 'off'],
      ['U1', 'U2'],
      [],
      [],
    ]);
    expect([reader.has('user'), reader.has('missing')]).toEqual([true, false]);
  });

  it('reads junk as nothing entered, and never throws', () => {
    for (const values of [undefined, null, 42, 'x', [], { a: 5 }, { a: { value: { value: { deep: 1 } } } }]) {
      const reader = new StateReader(values, 'value');
      expect(reader.single('a')).toBeUndefined();
      expect(reader.many('a')).toEqual([]);
    }
  });
});
