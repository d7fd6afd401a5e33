import type { ClosingFilter } from '../services/opportunities/pipeline.service';

export type PipelineQuery =
  | {
      ok: true;
      who: { kind: 'me' } | { kind: 'team' } | { kind: 'user'; userId: string };
      closing?: ClosingFilter;
      stage?: string;
    }
  | { ok: false; word: string };

const CLOSING: Record<string, ClosingFilter> = {
  'this-month': 'this-month',
  'next-month': 'next-month',
  'this-quarter': 'this-quarter',
  'denne-måneden': 'this-month',
  'neste-måned': 'next-month',
  'dette-kvartalet': 'this-quarter',
};

/**
 * `/contact pipeline [@user|team] [closing:this-month|next-month|this-quarter] [stage:<no. or name>]`. A user is
 * Slack's escaped mention `<@U123|name>`; `stage:` takes the rest of its word (`stage:offer`, `stage:3`).
 */
export function parsePipelineQuery(text: string): PipelineQuery {
  let who: Extract<PipelineQuery, { ok: true }>['who'] = { kind: 'me' };
  let closing: ClosingFilter | undefined;
  let stage: string | undefined;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    const mention = /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$/.exec(word);
    if (mention?.[1]) who = { kind: 'user', userId: mention[1] };
    else if (lower === 'team' || lower === 'teamet') who = { kind: 'team' };
    else if (/^(closing|lukkes):/.test(lower) && CLOSING[lower.slice(lower.indexOf(':') + 1)])
      closing = CLOSING[lower.slice(lower.indexOf(':') + 1)];
    else if (/^(stage|trinn):.+/.test(lower)) stage = word.slice(word.indexOf(':') + 1).slice(0, 40);
    else return { ok: false, word: word.slice(0, 40) };
  }
  return { ok: true, who, ...(closing ? { closing } : {}), ...(stage !== undefined ? { stage } : {}) };
}
