/**
 * `npm run i18n:check`: prints keys missing in a language, placeholders that differ between languages, modal
 * titles over 24 characters, texts that do not parse, and unused keys (src/i18n/catalogue-check.ts has the
 * rules). Exits 1 on anything but unused keys.
 */
import { catalogueFails, checkCatalogue, formatReport } from '../src/i18n/catalogue-check';
import { readSources } from './i18n-sources';

const report = checkCatalogue(readSources());
process.stdout.write(`${formatReport(report)}\n`);
process.exitCode = catalogueFails(report) ? 1 : 0;
