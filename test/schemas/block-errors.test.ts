import { z } from 'zod';
import { FormErrors, toBlockErrors } from '../../src/schemas/block-errors';

const blockOf = (field: string) => ({ name: 'b_name', email: 'b_email' })[field];

describe('toBlockErrors', () => {
  it('puts each field on its block, the rest on the fallback, joining messages that meet on one block', () => {
    expect(
      toBlockErrors(
        { email: 'Bad e-mail.', form: 'Try again.', mystery: 'Odd.', name: 'Required.' },
        blockOf,
        'b_name',
      ),
    ).toEqual({ b_email: 'Bad e-mail.', b_name: 'Try again. Odd. Required.' });
  });

  it('skips empty and non-string messages', () => {
    expect(toBlockErrors({ email: '', name: 5, form: null }, blockOf, 'b_name')).toEqual({});
  });
});

describe('FormErrors', () => {
  const email = z.string().max(5, 'Too long.').regex(/@/, 'No @.');

  it('gives a value that passes its rule, and keeps nothing against it', () => {
    const errors = new FormErrors();
    expect(errors.check('email', email, 'a@b')).toBe('a@b');
    expect(errors.any).toBe(false);
  });

  it('keeps only a rule’s first issue, but every problem added, joined per field', () => {
    const errors = new FormErrors();
    expect(errors.check('email', email, 'kari-at-nordlys')).toBeUndefined();
    errors.add('name', 'Required.');
    errors.add('name', 'Also odd.');
    expect([errors.any, errors.has('name'), errors.has('city')]).toEqual([true, true, false]);
    expect(errors.toBlockErrors(blockOf, 'b_name')).toEqual({ b_email: 'Too long.', b_name: 'Required. Also odd.' });
  });
});
