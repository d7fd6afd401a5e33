import {
  inheritedFieldGroups,
  type ContactInput,
  type InheritanceSwitch,
  type InheritedField,
} from '../../schemas/contact-input';

export type InheritableValues = Partial<Pick<ContactInput, InheritedField>>;
export type InheritanceSwitches = Record<InheritanceSwitch, boolean>;

/** The fields the switched-on groups name. */
export function inheritedFields(switches: InheritanceSwitches): InheritedField[] {
  return (Object.keys(inheritedFieldGroups) as InheritanceSwitch[])
    .filter((group) => switches[group])
    .flatMap((group) => [...inheritedFieldGroups[group]]);
}

/** What a new person at `company` would take from it: each switched-on field the company has a value for. */
export function valuesFromCompany(company: InheritableValues, switches: InheritanceSwitches): InheritableValues {
  const values: InheritableValues = {};
  for (const field of inheritedFields(switches)) {
    const value = company[field];
    if (value !== undefined && value !== '') values[field] = value;
  }
  return values;
}

/**
 * Values a person takes when attached to `company`: a field is filled only if the person's value is blank or
 * still equals the previous company's value (so nothing the user typed for the person is overwritten).
 */
export function inheritFromCompany(
  person: InheritableValues,
  company: InheritableValues,
  switches: InheritanceSwitches,
  previousCompany?: InheritableValues,
): InheritableValues {
  const changes: InheritableValues = {};
  for (const field of inheritedFields(switches)) {
    const current = person[field];
    const followsOldCompany = previousCompany !== undefined && current === previousCompany[field];
    if ((current === undefined || followsOldCompany) && company[field] !== current) {
      changes[field] = company[field];
    }
  }
  return changes;
}

/** For a company edit: each inherited field whose value changed, with its old and new value. */
export function changedInheritedFields(
  before: InheritableValues,
  after: InheritableValues,
  switches: InheritanceSwitches,
): { field: InheritedField; from: string | undefined; to: string | undefined }[] {
  return inheritedFields(switches)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

/**
 * A person's new values after its company changed: each changed field flows down when the person's value still
 * equals the company's old value; a value the user changed on the person stays.
 */
export function flowDown(
  person: InheritableValues,
  changes: ReturnType<typeof changedInheritedFields>,
): InheritableValues {
  const updates: InheritableValues = {};
  for (const change of changes) {
    if (person[change.field] === change.from) updates[change.field] = change.to;
  }
  return updates;
}

/** Setup defaults fill only what is still blank (an inherited value wins). */
export function applyDefaults<T extends InheritableValues>(contact: T, defaults: InheritableValues): T {
  const filled = { ...contact };
  for (const [field, value] of Object.entries(defaults) as [InheritedField, string | undefined][]) {
    if (value !== undefined && filled[field] === undefined) filled[field] = value;
  }
  return filled;
}
