import { translator, type Locale } from '../../i18n';
import { OpportunitySetupModel } from '../../models/opportunity.model';
import { getWorkspaceSetup } from '../setup/setup.service';
import type { OpportunitySetup, SalesCycle, SalesStage } from './opportunity.types';

export const DEFAULT_CYCLE_CODE = 'STANDARD';

/** The ready cycle every workspace starts with, named in the workspace's language. */
export function defaultCycle(locale: Locale): SalesCycle {
  const tr = translator(locale);
  const stage = (no: number, completedPct: number, chancesPct: number, allowSkip: boolean): SalesStage => ({
    no,
    description: tr.t(`opp.default.stage${no}` as 'opp.default.stage1'),
    completedPct,
    chancesPct,
    allowSkip,
  });
  return {
    code: DEFAULT_CYCLE_CODE,
    description: tr.t('opp.default.cycle'),
    calculation: 'multiply',
    stages: [
      stage(1, 10, 25, false),
      stage(2, 25, 40, true),
      stage(3, 50, 50, false),
      stage(4, 75, 70, true),
      stage(5, 100, 100, false),
    ],
  };
}

export function defaultOpportunitySetup(locale: Locale): OpportunitySetup {
  const tr = translator(locale);
  const code = (
    c: string,
    key:
      | 'opp.default.close.price'
      | 'opp.default.close.competitor'
      | 'opp.default.close.noDecision'
      | 'opp.default.close.goodOffer'
      | 'opp.default.close.relation',
  ) => ({ code: c, description: tr.t(key) });
  return {
    numbering: { prefix: 'SM', digits: 6 },
    cycles: [defaultCycle(locale)],
    closeCodes: {
      won: [code('PRICE', 'opp.default.close.goodOffer'), code('RELATION', 'opp.default.close.relation')],
      lost: [
        code('PRICE', 'opp.default.close.price'),
        code('COMPETITOR', 'opp.default.close.competitor'),
        code('NODECISION', 'opp.default.close.noDecision'),
      ],
    },
    defaultCycle: DEFAULT_CYCLE_CODE,
    currency: 'NOK',
    news: { won: true, created: false, lost: false },
    version: 0,
  };
}

type StoredSetup = Partial<Omit<OpportunitySetup, 'news'>> & { news?: Partial<OpportunitySetup['news']> };

function fromStored(stored: StoredSetup, defaults: OpportunitySetup): OpportunitySetup {
  return {
    numbering: stored.numbering?.prefix !== undefined ? stored.numbering : defaults.numbering,
    cycles: stored.cycles && stored.cycles.length > 0 ? stored.cycles : defaults.cycles,
    closeCodes: stored.closeCodes ?? defaults.closeCodes,
    defaultCycle: stored.defaultCycle ?? defaults.defaultCycle,
    currency: stored.currency ?? defaults.currency,
    news: {
      channelId: stored.news?.channelId ?? undefined,
      won: stored.news?.won ?? defaults.news.won,
      created: stored.news?.created ?? false,
      lost: stored.news?.lost ?? false,
      movedFrom: stored.news?.movedFrom ?? undefined,
    },
    version: stored.version ?? 0,
  };
}

/**
 * The workspace's opportunity setup. The first read writes the defaults (in the workspace's language) once, with
 * an upsert that only inserts, so the ready cycle's names are fixed from then on and two first reads agree.
 */
export async function getOpportunitySetup(workspaceId: string): Promise<OpportunitySetup> {
  const stored = await OpportunitySetupModel.findOne({ workspaceId }).lean<StoredSetup>();
  if (stored) return fromStored(stored, defaultOpportunitySetup('en'));
  const language = (await getWorkspaceSetup(workspaceId)).language;
  const defaults = defaultOpportunitySetup(language);
  const { version: _version, ...initial } = defaults;
  const written = await OpportunitySetupModel.findOneAndUpdate(
    { workspaceId },
    { $setOnInsert: { workspaceId, ...initial, version: 0 } },
    { upsert: true, returnDocument: 'after' },
  ).lean<StoredSetup>();
  return fromStored(written ?? {}, defaults);
}

export function cycleOf(setup: OpportunitySetup, code: string): SalesCycle | undefined {
  return setup.cycles.find((cycle) => cycle.code === code);
}

export function stageOf(cycle: SalesCycle, no: number | null): SalesStage | undefined {
  return no === null ? undefined : cycle.stages.find((stage) => stage.no === no);
}
