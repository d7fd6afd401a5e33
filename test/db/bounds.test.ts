import { boundedWaits, DB_OPERATION_BUDGET_MS, dbOperationBudgetMs } from '../../src/db/bounds';

describe('the database bound', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is 2 s outside the tests, whatever the widening variable says', () => {
    process.env.NODE_ENV = 'production';
    process.env.KONTAKT_TEST_DB_BUDGET_MS = '60000';
    expect(dbOperationBudgetMs()).toBe(DB_OPERATION_BUDGET_MS);
    expect(boundedWaits().socketTimeoutMS).toBe(2_000);
  });

  it('may only be widened by the test suite, never narrowed or set to nonsense', () => {
    process.env.NODE_ENV = 'test';
    process.env.KONTAKT_TEST_DB_BUDGET_MS = '15000';
    expect(boundedWaits()).toMatchObject({ waitQueueTimeoutMS: 15_000, socketTimeoutMS: 15_000 });
    process.env.KONTAKT_TEST_DB_BUDGET_MS = '500';
    expect(dbOperationBudgetMs()).toBe(DB_OPERATION_BUDGET_MS);
    process.env.KONTAKT_TEST_DB_BUDGET_MS = 'soon';
    expect(dbOperationBudgetMs()).toBe(DB_OPERATION_BUDGET_MS);
  });
});
