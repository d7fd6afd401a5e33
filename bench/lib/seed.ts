/**
 * Seeds one workspace's contacts straight through the mongoose models, building every document exactly as
 * createContact() does (inheritance from the company, setup defaults, deriveFields, computedParts), so the
 * stored search keys are the ones the app computes and searches by.
 */
import { Types } from 'mongoose';
import { ContactModel } from '../../src/models/contact.model';
import { NumberSeriesModel } from '../../src/models/number-series.model';
import {
  computedParts,
  deriveFields,
  inheritable,
  type ContactFields,
} from '../../src/services/contacts/contact-record';
import { applyDefaults, inheritFromCompany, type InheritableValues } from '../../src/services/contacts/inheritance';
import { formatContactNo } from '../../src/services/contacts/numbering.service';
import { getContactSetup } from '../../src/services/setup/setup.service';
import { generateCompany, generatePerson, type GeneratedCompany } from './contact-data';
import { Random } from './random';

/** What the benchmark later builds its queries from: a sample of the contacts actually stored. */
export interface SeededContact {
  /** The contact's _id as a string (what buttons and pickers carry). */
  id: string;
  no: string;
  type: 'company' | 'person';
  name: string;
  firstName?: string;
  surname?: string;
  companyName?: string;
  city?: string;
  phone?: string;
  mobile?: string;
}

export interface SeedOptions {
  workspaceId: string;
  count: number;
  seed: number;
  batchSize?: number;
  /** Share of companies (the rest are persons). */
  companyShare?: number;
  /** Share of persons that belong to a company. */
  personAtCompanyShare?: number;
  /** How many contacts of each type to keep as query material. */
  sampleSize?: number;
  onProgress?: (inserted: number) => void;
  /** Sees every contact built (e.g. to log visits against them later); called before it is inserted. */
  onContact?: (contact: SeededContact & { companyId?: string }) => void;
}

export interface SeedResult {
  inserted: number;
  companies: number;
  personsAtCompany: number;
  independentPersons: number;
  /** Wall time of the whole seeding, and the parts spent building documents and waiting for inserts. */
  totalMs: number;
  buildMs: number;
  insertWaitMs: number;
  samples: { companies: SeededContact[]; persons: SeededContact[] };
}

interface CompanyRecord extends GeneratedCompany {
  inheritable: InheritableValues;
}

const CREATED_BY = 'U0001';

/** Keeps a uniform sample of at most `size` items (reservoir sampling). */
class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly random: Random,
  ) {}

  offer(item: T): void {
    this.seen += 1;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const at = Math.floor(this.random.next() * this.seen);
      if (at < this.size) this.items[at] = item;
    }
  }
}

/**
 * Sets the workspace's contact number series to `lastNo`, so the next contact created gets the next number.
 * An upsert needs the series' index under notablescan: call it after the indexes exist.
 */
export async function setContactSeries(workspaceId: string, lastNo: number): Promise<void> {
  // numbering.service.ts keeps contact numbers in the series named 'contact'.
  await NumberSeriesModel.updateOne({ workspaceId, series: 'contact' }, { $set: { lastNo } }, { upsert: true });
}

export async function seedWorkspace(options: SeedOptions): Promise<SeedResult> {
  const { workspaceId, count } = options;
  const batchSize = options.batchSize ?? 1_000;
  const companyEvery = Math.round(1 / (options.companyShare ?? 0.2));
  const atCompany = options.personAtCompanyShare ?? 0.85;
  const random = new Random(options.seed);
  const sampler = new Random(options.seed ^ 0x5eed);
  const setup = await getContactSetup(workspaceId);
  const defaults: InheritableValues = {
    country: setup.defaults.country,
    language: setup.defaults.language,
    salespersonId: setup.defaults.salespersonId,
    territory: setup.defaults.territory,
  };
  const companies: CompanyRecord[] = [];
  const companySamples = new Reservoir<SeededContact>(options.sampleSize ?? 2_000, sampler);
  const personSamples = new Reservoir<SeededContact>(options.sampleSize ?? 2_000, sampler);
  const result = { companies: 0, personsAtCompany: 0, independentPersons: 0 };
  const now = new Date();

  const build = (n: number): Record<string, unknown> => {
    const no = formatContactNo(setup.numbering, n);
    const id = new Types.ObjectId();
    let fields: ContactFields;
    let domain: string | undefined;
    // Contacts are numbered in the order they were "created": a company first, then mostly persons.
    if ((n - 1) % companyEvery === 0) {
      ({ fields, domain } = generateCompany(random));
      result.companies += 1;
    } else {
      const company = companies.length > 0 && random.chance(atCompany) ? random.pick(companies) : undefined;
      fields = generatePerson(random, company);
      if (company) {
        fields = { ...fields, ...inheritFromCompany(inheritable(fields), company.inheritable, setup.inheritance) };
        result.personsAtCompany += 1;
      } else result.independentPersons += 1;
    }
    fields = applyDefaults(fields, defaults);
    const derived = deriveFields(fields);
    const computed = computedParts({ ...derived, no }, setup.defaults.phoneRegion, setup.duplicates.rows);
    if (derived.type === 'company') {
      companies.push({
        id: id.toString(),
        name: derived.name,
        domain: domain as string,
        inheritable: inheritable(derived),
      });
    }
    const seeded: SeededContact = {
      id: id.toString(),
      no,
      type: derived.type,
      name: derived.name,
      firstName: derived.firstName,
      surname: derived.surname,
      companyName: derived.companyName,
      city: derived.city,
      phone: derived.phone,
      mobile: derived.mobile,
    };
    (derived.type === 'company' ? companySamples : personSamples).offer(seeded);
    options.onContact?.({ ...seeded, companyId: derived.companyId ? String(derived.companyId) : undefined });
    return {
      _id: id,
      workspaceId,
      no,
      ...derived,
      ...computed,
      createdBy: CREATED_BY,
      updatedBy: CREATED_BY,
      createdAt: now,
      updatedAt: now,
    };
  };

  const started = performance.now();
  let buildMs = 0;
  let insertWaitMs = 0;
  let inserted = 0;
  let inFlight: Promise<unknown> | undefined;
  // One batch is inserted while the next is built: the database runs in its own process.
  for (let from = 1; from <= count; from += batchSize) {
    const buildStart = performance.now();
    const docs: Record<string, unknown>[] = [];
    for (let n = from; n < from + batchSize && n <= count; n += 1) docs.push(build(n));
    buildMs += performance.now() - buildStart;
    const waitStart = performance.now();
    await inFlight;
    insertWaitMs += performance.now() - waitStart;
    if (inFlight) options.onProgress?.(inserted);
    inFlight = ContactModel.insertMany(docs, { ordered: false }).then((written) => {
      inserted += written.length;
    });
  }
  const waitStart = performance.now();
  await inFlight;
  insertWaitMs += performance.now() - waitStart;
  options.onProgress?.(inserted);

  return {
    inserted,
    ...result,
    totalMs: performance.now() - started,
    buildMs,
    insertWaitMs,
    samples: { companies: companySamples.items, persons: personSamples.items },
  };
}
