import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { OppSetupSection } from '../../services/opportunities/opportunity-setup.sections';
import type { OppSetupPatch } from '../../services/opportunities/opportunity-setup-save.service';
import type {
  CloseCode,
  OpportunitySetup,
  SalesCycle,
  SalesStage,
} from '../../services/opportunities/opportunity.types';
import { probabilityCalculations } from '../../services/opportunities/probability';
import { FormErrors, type BlockErrors } from '../block-errors';
import { LineProblems, oneLine, readCode, readDescription, readLines, type Line } from './line-list';
import { setupLimits, setupState } from './setup-form';

const blocks = ids.oppSetupField;

export const oppSetupLimits = {
  cyclesMax: 20,
  stagesMax: 20,
  stageNoMax: 99,
  closeCodesMax: 50,
} as const;

/** The deal-news events a workspace may post, as the checkbox values. */
export const newsEvents = ['won', 'created', 'lost', 'moved'] as const;

/** Words that mark a stage "may be skipped" in its line (any language Kontakt speaks). */
const skipWords = new Set(['skip', 'yes', 'y', 'x', 'ja', 'j', 'hopp', 'kan hoppes over', 'may be skipped']);

/** One stage as a line of the cycle modal's stages box: `2 | Needs analysis | 25 | 40 | skip`. */
export function formatStageLine(tr: Translator, stage: SalesStage): string {
  const parts = [String(stage.no), oneLine(stage.description), String(stage.completedPct), String(stage.chancesPct)];
  if (stage.allowSkip) parts.push(tr.t('oppSetup.cycle.skipWord'));
  return parts.join(' | ');
}

const chars = (text: string): number => [...text].length;

function pct(raw: string | undefined): number | undefined {
  const text = (raw ?? '').trim().replace('%', '').replace(',', '.').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 0 && value <= 100 ? value : undefined;
}

function parseStages(lines: Line[], tr: Translator, errors: FormErrors): SalesStage[] {
  const problems: string[] = [];
  const stages: SalesStage[] = [];
  const seen = new Set<number>();
  for (const line of lines) {
    const parts = line.text.split('|').map((part) => part.trim());
    if (parts.length < 4 || parts.length > 5) {
      problems.push(tr.t('oppSetup.error.stageLine', { line: line.line }));
      continue;
    }
    const [noText = '', description = '', completedText, chancesText, skipText = ''] = parts;
    const no = /^\d{1,2}$/.test(noText) ? Number(noText) : NaN;
    let ok = true;
    if (!(no >= 1 && no <= oppSetupLimits.stageNoMax)) {
      problems.push(tr.t('oppSetup.error.stageNo', { line: line.line, max: oppSetupLimits.stageNoMax }));
      ok = false;
    } else if (seen.has(no)) {
      problems.push(tr.t('oppSetup.error.stageNoTwice', { line: line.line, no }));
      ok = false;
    } else seen.add(no);
    const text = oneLine(description);
    if (text === '' || chars(text) > setupLimits.descriptionMax) {
      problems.push(tr.t('oppSetup.error.stageDescription', { line: line.line, max: setupLimits.descriptionMax }));
      ok = false;
    }
    const completedPct = pct(completedText);
    const chancesPct = pct(chancesText);
    if (completedPct === undefined) {
      problems.push(tr.t('oppSetup.error.completedPct', { line: line.line }));
      ok = false;
    }
    if (chancesPct === undefined) {
      problems.push(tr.t('oppSetup.error.chancesPct', { line: line.line }));
      ok = false;
    }
    const skip = skipText.toLowerCase();
    if (skip !== '' && !skipWords.has(skip) && skip !== tr.t('oppSetup.cycle.skipWord').toLowerCase()) {
      problems.push(tr.t('oppSetup.error.skip', { line: line.line, word: tr.t('oppSetup.cycle.skipWord') }));
      ok = false;
    }
    if (!ok || completedPct === undefined || chancesPct === undefined) continue;
    stages.push({ no, description: text, completedPct, chancesPct, allowSkip: skip !== '' });
  }
  if (lines.length === 0) problems.push(tr.t('oppSetup.error.noStages'));
  if (lines.length > oppSetupLimits.stagesMax)
    problems.push(tr.t('oppSetup.error.tooManyStages', { max: oppSetupLimits.stagesMax }));
  if (problems.length > 0) errors.add(blocks.cycleStages, problems.slice(0, 6).join(' '));
  return stages.sort((a, b) => a.no - b.no);
}

export type CycleResult = { ok: true; cycle: SalesCycle } | { ok: false; errors: BlockErrors };

/**
 * Reads the sales cycle modal: code, description, probability calculation and the stages, one a line. Every
 * field is checked at once, so all problems come back in one round. `others` are the cycles it must not clash with.
 */
export function parseCycle(values: unknown, context: { others: readonly SalesCycle[]; tr: Translator }): CycleResult {
  const { tr } = context;
  const reader = setupState(values);
  const errors = new FormErrors();
  const code = (reader.single(blocks.cycleCode) ?? '').trim().toUpperCase();
  if (code === '') errors.add(blocks.cycleCode, tr.t('oppSetup.error.codeRequired'));
  else if (/\s/.test(code)) errors.add(blocks.cycleCode, tr.t('oppSetup.error.codeSpaces'));
  else if (chars(code) > setupLimits.codeMax)
    errors.add(blocks.cycleCode, tr.t('setup.type.error.codeTooLong', { max: setupLimits.codeMax }));
  else if (context.others.some((other) => other.code.toUpperCase() === code))
    errors.add(blocks.cycleCode, tr.t('oppSetup.error.cycleTaken', { code }));
  const description = oneLine(reader.single(blocks.cycleDescription) ?? '');
  if (description === '') errors.add(blocks.cycleDescription, tr.t('oppSetup.error.descriptionRequired'));
  else if (chars(description) > setupLimits.descriptionMax)
    errors.add(
      blocks.cycleDescription,
      tr.t('setup.type.error.descriptionTooLong', { max: setupLimits.descriptionMax }),
    );
  const calculationText = reader.single(blocks.cycleCalculation);
  const calculation = probabilityCalculations.find((value) => value === calculationText);
  if (!calculation) errors.add(blocks.cycleCalculation, tr.t('oppSetup.error.calculation'));
  const stages = parseStages(readLines(reader, blocks.cycleStages), tr, errors);
  if (errors.any || !calculation) return { ok: false, errors: errors.toBlockErrors((b) => b, blocks.cycleCode) };
  return { ok: true, cycle: { code, description, calculation, stages } };
}

function parseCodes(reader: ReturnType<typeof setupState>, block: string, errors: FormErrors, tr: Translator) {
  const lines = readLines(reader, block);
  const problems = new LineProblems(tr);
  const seen = new Map<string, Line>();
  const entries: CloseCode[] = [];
  for (const line of lines) {
    const pipe = line.text.indexOf('|');
    const [codeText, descriptionText] =
      pipe >= 0
        ? [line.text.slice(0, pipe), line.text.slice(pipe + 1)]
        : [line.text.split(/\s/, 1)[0] ?? '', line.text.replace(/^\S+/, '')];
    const code = readCode(codeText, line, seen, problems);
    const description = readDescription(descriptionText, line, problems);
    if (code !== undefined && description !== undefined) entries.push({ code, description });
  }
  problems.report(errors, block);
  if (lines.length > oppSetupLimits.closeCodesMax)
    errors.add(block, tr.t('setup.error.tooManyCodes', { max: oppSetupLimits.closeCodesMax, count: lines.length }));
  return entries;
}

export type OppSectionResult = { ok: true; patch: OppSetupPatch } | { ok: false; errors: BlockErrors };

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));

/**
 * Reads a sales-opportunity section's form (close codes, opportunities, deal news) into the patch the service
 * saves, or errors by block id, all in one round. The sales cycles' list has no inputs: its Done keeps what is
 * stored. Never throws.
 */
export function parseOppSetupSection(
  section: OppSetupSection,
  values: unknown,
  context: { setup: OpportunitySetup; tr: Translator },
): OppSectionResult {
  const { setup, tr } = context;
  const reader = setupState(values);
  const errors = new FormErrors();
  let patch: OppSetupPatch = {};
  switch (section) {
    case 'salesCycles':
      patch = { cycles: setup.cycles };
      break;
    case 'closeCodes': {
      const won = parseCodes(reader, blocks.closeWon, errors, tr);
      const lost = parseCodes(reader, blocks.closeLost, errors, tr);
      patch = { closeCodes: { won, lost } };
      break;
    }
    case 'opportunities': {
      const prefix = (reader.single(blocks.prefix) ?? '').trim().toUpperCase();
      if (chars(prefix) > setupLimits.prefixMax || /\s/.test(prefix))
        errors.add(blocks.prefix, tr.t('oppSetup.error.prefix', { max: setupLimits.prefixMax }));
      const digitsText = (reader.single(blocks.digits) ?? '').trim();
      const digits = /^\d{1,2}$/.test(digitsText) ? Number(digitsText) : NaN;
      if (!(digits >= setupLimits.digits.min && digits <= setupLimits.digits.max))
        errors.add(blocks.digits, tr.t('oppSetup.error.digits', setupLimits.digits));
      const nextText = (reader.single(blocks.nextNo) ?? '').trim();
      const nextNo = /^\d{1,12}$/.test(nextText) ? Number(nextText) : NaN;
      if (!(nextNo >= 1)) errors.add(blocks.nextNo, tr.t('oppSetup.error.nextNo'));
      const cycleText = reader.single(blocks.defaultCycle);
      const defaultCycle = setup.cycles.find((cycle) => cycle.code === cycleText)?.code;
      if (!defaultCycle) errors.add(blocks.defaultCycle, tr.t('oppSetup.error.defaultCycle'));
      const currency = (reader.single(blocks.currency) ?? '').trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency) || !isoCurrencies.has(currency))
        errors.add(blocks.currency, tr.t('oppSetup.error.currency', { value: currency.slice(0, 10) }));
      patch = { numbering: { prefix, digits }, nextNo, defaultCycle, currency };
      break;
    }
    case 'dealNews': {
      const channel = reader.single(blocks.newsChannel);
      const channelId = channel && /^[CG][A-Z0-9]{2,20}$/.test(channel) ? channel : undefined;
      if (channel && !channelId) errors.add(blocks.newsChannel, tr.t('oppSetup.error.channel'));
      const events = new Set(reader.many(blocks.newsEvents));
      const movedText = reader.single(blocks.newsMovedFrom);
      const movedFrom = movedText && /^\d{1,2}$/.test(movedText) ? Number(movedText) : undefined;
      const cycle = setup.cycles.find((candidate) => candidate.code === setup.defaultCycle);
      if (events.has('moved') && (movedFrom === undefined || !cycle?.stages.some((stage) => stage.no === movedFrom)))
        errors.add(blocks.newsMovedFrom, tr.t('oppSetup.error.movedFrom'));
      patch = {
        news: {
          ...(channelId ? { channelId } : {}),
          won: events.has('won'),
          created: events.has('created'),
          lost: events.has('lost'),
          ...(events.has('moved') && movedFrom !== undefined ? { movedFrom } : {}),
        },
      };
      break;
    }
  }
  const firstBlock: Record<typeof section, string> = {
    salesCycles: blocks.cycles,
    closeCodes: blocks.closeWon,
    opportunities: blocks.prefix,
    dealNews: blocks.newsChannel,
  };
  return errors.any ? { ok: false, errors: errors.toBlockErrors((b) => b, firstBlock[section]) } : { ok: true, patch };
}
