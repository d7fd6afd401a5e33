import { translator } from '../../../src/i18n';
import { defaultCycle } from '../../../src/services/opportunities/opportunity-setup.service';
import type { Opportunity } from '../../../src/services/opportunities/opportunity.types';
import { opportunityCard } from '../../../src/views/opportunity/opportunity-card.view';
import { checkMessage } from '../../harness/block-kit-checker';

const deal: Opportunity = {
  id: '65f0c0ffee0000000000000a',
  workspaceId: 'T0001',
  no: 'SM000001',
  description: '20 trucker til det nye lageret',
  contactId: '65f0c0ffee0000000000000b',
  contactNo: 'CT000002',
  contactName: 'Kari Nordmann',
  companyId: null,
  salespersonId: 'U0KARI',
  cycleCode: 'STANDARD',
  stageNo: 3,
  status: 'in_progress',
  estimatedValue: 1_250_000.5,
  currency: 'NOK',
  chancesPct: 50,
  probabilityPct: 25,
  calculatedValue: 312_500.13,
  closingDate: '2026-12-31',
  priority: 'high',
  closedDate: null,
  createdBy: 'U0KARI',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  updatedAt: new Date('2026-12-01T10:00:00Z'),
  version: 2,
  entryCount: 7,
  entries: [
    {
      at: new Date('2026-12-03T13:05:00Z'),
      by: 'U0KARI',
      action: 'stage',
      fromStage: 2,
      toStage: 3,
      estimatedValue: 1_250_000.5,
      chancesPct: 50,
      probabilityPct: 25,
      calculatedValue: 312_500.13,
    },
  ],
};

const text = (blocks: unknown) => JSON.stringify(blocks).replace(/[\u00a0\u202f]/g, ' ');

describe('the opportunity card', () => {
  it('speaks Norwegian with Norwegian amounts, stages and buttons', () => {
    const card = opportunityCard(
      { opportunity: deal, cycle: defaultCycle('nb'), canChange: true, canReopen: false, timeZone: 'Europe/Oslo' },
      translator('nb'),
    );
    expect(checkMessage(card)).toEqual([]);
    const shown = text(card.blocks);
    for (const expected of [
      '1 250 000,50 kr',
      '312 500,13 kr',
      'sannsynlighet 25 %',
      'Behovsanalyse → Tilbud',
      'Neste trinn',
      'Flytt til trinn',
      'Høy',
      '6 tidligere poster',
      '14:05',
    ])
      expect(shown).toContain(expected);
  });

  it('shows a recalculation after a sales cycle change in the history, in both languages', () => {
    const recalculated = {
      ...deal,
      entries: [
        {
          ...deal.entries[0]!,
          at: new Date('2026-12-04T09:30:00Z'),
          by: 'U0ADMIN',
          action: 'recalculated' as const,
          fromStage: 3,
          toStage: 3,
          probabilityPct: 28.5,
        },
      ],
    };
    const shownIn = (locale: 'en' | 'nb') =>
      text(
        opportunityCard(
          { opportunity: recalculated, cycle: defaultCycle(locale), canChange: true, canReopen: false },
          translator(locale),
        ).blocks,
      );
    expect(shownIn('en')).toContain(
      '<@U0ADMIN> · probability recalculated to 28.5 % (the sales cycle’s stages changed)',
    );
    expect(shownIn('nb')).toContain(
      '<@U0ADMIN> · sannsynlighet beregnet på nytt til 28,5 % (trinnene i salgssyklusen ble endret)',
    );
  });

  it('is read-only, saying who may change it, for anyone else', () => {
    const card = opportunityCard(
      { opportunity: deal, cycle: defaultCycle('en'), canChange: false, canReopen: false },
      translator('en'),
    );
    const shown = text(card.blocks);
    expect(shown).toContain('Only the salesperson (<@U0KARI>), managers and admins can change this opportunity.');
    expect(shown).not.toContain('opp_next');
    expect(shown).not.toContain('opp_close_open');
  });
});
