import type { Logger } from '@slack/bolt';
import type { Enhet } from '../../integrations/brreg/enhet.schema';
import {
  EnhetsregisteretClient,
  RegisterError,
  type EnhetLookup,
} from '../../integrations/brreg/enhetsregisteret.client';
import { meantAsOrgNo, parseOrgNo, vatRegNoFor, type OrgNoProblem } from './org-no';

/** A company as the register describes it, in Kontakt's fields. */
export interface RegisterCompany {
  orgNo: string;
  name: string;
  address?: string;
  address2?: string;
  postCode?: string;
  city?: string;
  country: string;
  /** `NO 123456789 MVA` when the company is in the VAT register, else the org.nr. */
  vatRegNo: string;
  inVatRegister: boolean;
  homePage?: string;
  nace?: { code: string; description?: string };
  bankrupt: boolean;
  windingUp: boolean;
  /** The date the register deleted it (`YYYY-MM-DD`), when it did. */
  deletedOn?: string;
}

/** What the register says about one org.nr. */
export type RegisterLookup =
  | { status: 'found'; company: RegisterCompany }
  /** Deleted, or removed from the open data (410): the company no longer exists as a legal entity. */
  | { status: 'deleted'; orgNo: string; deletedOn?: string }
  | { status: 'unknown'; orgNo: string };

/** What a card warns about: bankrupt, being wound up, or deleted. */
export type RegisterWarning = { kind: 'bankrupt' | 'windingUp' } | { kind: 'deleted'; on?: string };

export type RegisterSearch =
  { status: 'results'; companies: RegisterCompany[] } | { status: 'invalidOrgNo'; problem: OrgNoProblem };

/** How long a register answer is trusted: the register changes rarely, and a day-old bankruptcy is still news. */
export const REGISTER_CACHE_MS = 24 * 60 * 60 * 1000;
/** The typeahead's own budget for the register: Slack gives the whole answer 3 s. */
export const TYPEAHEAD_REGISTER_MS = 1_500;
/** Everything else waits a little longer, still well inside what a user waits for a click. */
export const LOOKUP_REGISTER_MS = 2_500;
const MAX_CACHED = 20_000;
const MAX_SEARCHES_CACHED = 2_000;
const SEARCH_SIZE = 20;

const ADDRESS_MAX = 100;
const ADDRESS2_MAX = 50;
const CITY_MAX = 30;
const NAME_MAX = 100;

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

/** Enhetsregisteret writes names and places in capitals; people read "Bergen", not "BERGEN". */
export function properCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_m, before: string, letter: string) => {
    return before + letter.toUpperCase();
  });
}

/** Company forms stay in capitals: "Nordlys Maskin AS", "Fjord Invest ASA", "Bergen Kommune". */
function companyName(text: string): string {
  return properCase(text)
    .replace(/\b(As|Asa|Ans|Da|Ba|Sa|Nuf|Ks|Iks|Enk)\b/g, (form) => form.toUpperCase())
    .slice(0, NAME_MAX);
}

/** Enhet → Kontakt's fields: the business address, or the postal address when there is none. */
export function fromEnhet(enhet: Enhet): RegisterCompany {
  const business = enhet.forretningsadresse;
  const hasBusiness =
    business !== undefined &&
    ((business.adresse?.some((line) => !blank(line)) ?? false) || !blank(business.postnummer));
  const address = hasBusiness ? business : enhet.postadresse;
  const lines = (address?.adresse ?? []).filter((line) => !blank(line));
  const inVatRegister = enhet.registrertIMvaregisteret === true;
  return {
    orgNo: enhet.organisasjonsnummer,
    name: companyName(enhet.navn),
    address: lines[0]?.slice(0, ADDRESS_MAX),
    address2: lines.slice(1).join(', ').slice(0, ADDRESS2_MAX) || undefined,
    postCode: address?.postnummer,
    city: address?.poststed ? properCase(address.poststed).slice(0, CITY_MAX) : undefined,
    country: (address?.landkode ?? 'NO').slice(0, 10),
    vatRegNo: vatRegNoFor(enhet.organisasjonsnummer, inVatRegister),
    inVatRegister,
    homePage: blank(enhet.hjemmeside) ? undefined : enhet.hjemmeside.trim().slice(0, 200),
    nace: enhet.naeringskode1
      ? { code: enhet.naeringskode1.kode, description: enhet.naeringskode1.beskrivelse }
      : undefined,
    bankrupt: enhet.konkurs === true,
    windingUp: enhet.underAvvikling === true || enhet.underTvangsavviklingEllerTvangsopplosning === true,
    deletedOn: enhet.slettedato,
  };
}

function toLookup(answer: EnhetLookup): RegisterLookup {
  if (answer.status === 'unknown') return answer;
  if (answer.status === 'removed') return { status: 'deleted', orgNo: answer.orgNo, deletedOn: answer.slettedato };
  const company = fromEnhet(answer.enhet);
  if (company.deletedOn) return { status: 'deleted', orgNo: company.orgNo, deletedOn: company.deletedOn };
  return { status: 'found', company };
}

/** The warning a card shows for what the register said; none for a live company or an unknown number. */
export function warningOf(lookup: RegisterLookup | undefined): RegisterWarning | undefined {
  if (!lookup || lookup.status === 'unknown') return undefined;
  if (lookup.status === 'deleted') return { kind: 'deleted', on: lookup.deletedOn };
  if (lookup.company.bankrupt) return { kind: 'bankrupt' };
  if (lookup.company.windingUp) return { kind: 'windingUp' };
  return undefined;
}

/** A map that forgets its oldest entry past `max` and any entry older than the cache time. */
class TimedCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > REGISTER_CACHE_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Enhetsregisteret for Kontakt: find a company by name or org.nr., look one up, say what a card should warn about.
 *
 * Answers are cached for 24 h in this process's memory, not in MongoDB: they are public data, the same for every
 * workspace, cheap to ask for again after a restart; a cached lookup then costs no database round trip (the card
 * and the typeahead read it inside Slack's 3 s), and a database outage never hides the register, nor the other way
 * round. The cost is one lookup per company per process and day — nothing next to the register's capacity.
 */
export class CompanyRegister {
  private readonly lookups: TimedCache<RegisterLookup>;
  private readonly searches: TimedCache<RegisterCompany[]>;
  /** Lookups under way, shared: a card opened twice, or a pick right after its typeahead, asks once. */
  private readonly pending = new Map<string, Promise<RegisterLookup>>();

  constructor(
    private readonly client: EnhetsregisteretClient | undefined,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.lookups = new TimedCache(MAX_CACHED, now);
    this.searches = new TimedCache(MAX_SEARCHES_CACHED, now);
  }

  static fromConfig(config: { kind: 'brreg' | 'off'; url: string }, logger: Logger): CompanyRegister {
    return new CompanyRegister(
      config.kind === 'off' ? undefined : new EnhetsregisteretClient(config.url, logger),
      logger,
    );
  }

  /** COMPANY_REGISTER=off hides every register feature. */
  get enabled(): boolean {
    return this.client !== undefined;
  }

  /** A fresh cached answer for this org.nr., without asking the register. */
  cached(orgNo: string): RegisterLookup | undefined {
    return this.lookups.get(orgNo);
  }

  /** One org.nr.: from the cache when fresh, else asked (throws RegisterError when the register fails). */
  async lookup(
    orgNo: string,
    timeoutMs = LOOKUP_REGISTER_MS,
    options: { fresh?: boolean } = {},
  ): Promise<RegisterLookup> {
    const client = this.requireClient();
    if (!options.fresh) {
      const hit = this.lookups.get(orgNo);
      if (hit) return hit;
    }
    const running = this.pending.get(orgNo);
    if (running) return running;
    const asked = client
      .lookup(orgNo, { timeoutMs })
      .then((answer) => {
        const lookup = toLookup(answer);
        this.lookups.set(orgNo, lookup);
        return lookup;
      })
      .finally(() => this.pending.delete(orgNo));
    this.pending.set(orgNo, asked);
    return asked;
  }

  /**
   * What the typeahead shows for what was typed: the company with that org.nr. (spaces, `NO`, `MVA` allowed), or
   * the companies whose name matches; an org.nr. that cannot be one says why.
   */
  async search(typed: string, timeoutMs = TYPEAHEAD_REGISTER_MS): Promise<RegisterSearch> {
    const client = this.requireClient();
    const query = typed.trim().replace(/\s+/g, ' ');
    if (query === '') return { status: 'results', companies: [] };
    if (meantAsOrgNo(query)) {
      const parsed = parseOrgNo(query);
      if (!parsed.ok) return { status: 'invalidOrgNo', problem: parsed.problem };
      const lookup = await this.lookup(parsed.orgNo, timeoutMs);
      return { status: 'results', companies: lookup.status === 'found' ? [lookup.company] : [] };
    }
    const key = query.toLowerCase();
    const hit = this.searches.get(key);
    if (hit) return { status: 'results', companies: hit };
    const companies = (await client.searchByName(query, SEARCH_SIZE, { timeoutMs })).map(fromEnhet);
    this.searches.set(key, companies);
    // A pick from these is then a cache hit: the modal fills without asking again.
    for (const company of companies) {
      if (this.lookups.get(company.orgNo)) continue;
      this.lookups.set(
        company.orgNo,
        company.deletedOn
          ? { status: 'deleted', orgNo: company.orgNo, deletedOn: company.deletedOn }
          : { status: 'found', company },
      );
    }
    return { status: 'results', companies: companies.filter((company) => !company.deletedOn) };
  }

  /**
   * What the register says, for a card: the cached answer when fresh, else one asked for that arrives within
   * `waitMs` — a slower one is left to finish in the background (and fill the cache for the next look), so the card
   * is never held past Slack's deadline; a failing register means no answer, logged.
   */
  async quickLookup(orgNo: string, waitMs: number): Promise<RegisterLookup | undefined> {
    if (!this.enabled) return undefined;
    const hit = this.lookups.get(orgNo);
    if (hit) return hit;
    const asked = this.lookup(orgNo).catch((error: Error) => {
      this.logger.warn(`Enhetsregisteret lookup of ${orgNo} for a card: ${error.message}`);
      return undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    return Promise.race([asked, late]).finally(() => clearTimeout(timer));
  }

  /** Forget every cached answer (tests that change what the fake register says). */
  clear(): void {
    this.lookups.clear();
    this.searches.clear();
  }

  private requireClient(): EnhetsregisteretClient {
    if (!this.client) throw new RegisterError('The company register is off (COMPANY_REGISTER=off)', 'unreachable');
    return this.client;
  }
}
