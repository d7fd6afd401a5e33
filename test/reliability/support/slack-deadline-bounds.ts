import { DB_OPERATION_BUDGET_MS } from '../../../src/db/bounds';

/**
 * Imported first by the tests about Slack's 3 s deadline (a stalled or killed database): they need the production
 * bound, not the wider one the rest of the suite gets on a busy machine (test/global-setup.ts).
 */
process.env.KONTAKT_TEST_DB_BUDGET_MS = String(DB_OPERATION_BUDGET_MS);
