import { readDuplicateRows } from '../../../src/schemas/setup/duplicate-rows';
import { duplicateRowBlockIds } from '../../../src/schemas/setup/setup-form';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import { setupSectionModal } from '../../../src/views/setup/setup-section.view';
import { stateFromInitialValues, withState } from '../../fixtures/setup-fixtures';
import { translator } from '../../../src/i18n';

const stateOf = () =>
  stateFromInitialValues(
    setupSectionModal(translator('en'), {
      section: 'duplicates',
      setup: defaultWorkspaceSetup,
      nextNo: 1,
      adminTimeZone: 'Europe/Oslo',
      privateMetadata: '{}',
    }),
  );

describe('readDuplicateRows', () => {
  it('reads the rows as currently typed, for the Add / Remove row redraw', () => {
    let values = stateOf();
    values = withState(values, duplicateRowBlockIds(2).field, { selected_option: { value: 'email:last' } });
    values = withState(values, duplicateRowBlockIds(2).length, { value: '8' });
    expect(readDuplicateRows(values)).toEqual([
      { field: 'name', part: 'first', length: 5 },
      { field: 'email', part: 'last', length: 8 },
      { field: 'city', part: 'first', length: 5 },
      { field: 'phone', part: 'first', length: 5 },
      { field: 'vatRegNo', part: 'first', length: 5 },
    ]);
  });

  it('reads a row left half-filled as the default row, and junk as no rows', () => {
    let values = stateOf();
    values = withState(values, duplicateRowBlockIds(1).field, { selected_option: null });
    values = withState(values, duplicateRowBlockIds(1).length, { value: '99' });
    expect(readDuplicateRows(values)[0]).toEqual({ field: 'name', part: 'first', length: 5 });
    for (const junk of [null, 'x', 42, [], { [duplicateRowBlockIds(1).length]: 7 }])
      expect(() => readDuplicateRows(junk)).not.toThrow();
    expect(readDuplicateRows(null)).toEqual([]);
  });
});
