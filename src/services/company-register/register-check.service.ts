import { Types } from 'mongoose';
import { ContactModel } from '../../models/contact.model';
import { RegisterCheckModel } from '../../models/register-check.model';
import { isRegisterError } from '../../integrations/brreg/enhetsregisteret.client';
import { live } from '../contacts/live';
import { getWorkspaceSetup, listSetupWorkspaces } from '../setup/setup.service';
import { LOOKUP_REGISTER_MS, warningOf, type CompanyRegister, type RegisterLookup } from './company-register.service';
import { orgNoOf } from './org-no';

/** A company is checked again this long after its last check. */
export const RECHECK_AFTER_MS = 7 * 86_400_000;
/**
 * One question to Enhetsregisteret at a time, at most two a second. The open API publishes no quota; this keeps a
 * workspace of 10,000 companies at about 80 minutes a week (spread over the hourly runs), a load no one would notice.
 */
export const REGISTER_CHECK_PACE_MS = 500;
/** Companies read from the database at a time. */
const BATCH = 200;

type CheckStatus = 'active' | 'bankrupt' | 'windingUp' | 'deleted' | 'unknown';

/** What a salesperson is told about: a company of theirs that went bankrupt or was deleted. */
export interface RegisterNews {
  contactId: string;
  no: string;
  name: string;
  status: 'bankrupt' | 'deleted';
  deletedOn?: string;
}

/** Who is told what: the salesperson, else (no salesperson) each of the admins listed in setup. */
export interface RegisterNewsDelivery {
  workspaceId: string;
  userId: string;
  news: RegisterNews[];
}

export interface RegisterCheckOptions {
  register: CompanyRegister;
  /** Posts one recipient's news; throws when Slack did not take it (it is then told on the next run). */
  tell: (delivery: RegisterNewsDelivery) => Promise<void>;
  /** Stop asking the register by then (the run's share of the hour); what is left is checked by the next run. */
  deadline: number;
  paceMs?: number;
  now?: () => Date;
  /** Called between batches: the job renews its lock. */
  touch?: () => Promise<void>;
  /** The process is stopping: end at the next company. */
  stopping?: () => boolean;
  warn?: (message: string) => void;
}

export interface RegisterCheckRun {
  workspaces: number;
  checked: number;
  told: number;
  /** Why the run ended before every due company was checked. */
  stopped?: 'register' | 'time' | 'stopping';
}

const statusOf = (lookup: RegisterLookup): CheckStatus => {
  if (lookup.status === 'unknown') return 'unknown';
  const warning = warningOf(lookup);
  return warning?.kind ?? 'active';
};

const deletedOnOf = (lookup: RegisterLookup): string | undefined =>
  lookup.status === 'deleted' ? lookup.deletedOn : lookup.status === 'found' ? lookup.company.deletedOn : undefined;

/** The workspaces whose admins turned the weekly check on. */
async function checkedWorkspaces(): Promise<string[]> {
  const on: string[] = [];
  for (const workspaceId of await listSetupWorkspaces())
    if ((await getWorkspaceSetup(workspaceId)).registerCheck) on.push(workspaceId);
  return on;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks the companies of every workspace that asked for it whose last check is a week old (or never was), then
 * tells each salesperson what is new. Resumable by construction: every company's check is stored as it is made,
 * so a run that stops (time, a restart, the register down) leaves the rest for the next hourly run.
 */
export async function runRegisterChecks(options: RegisterCheckOptions): Promise<RegisterCheckRun> {
  const run: RegisterCheckRun = { workspaces: 0, checked: 0, told: 0 };
  if (!options.register.enabled) return run;
  for (const workspaceId of await checkedWorkspaces()) {
    run.workspaces += 1;
    const stopped = await checkWorkspace(workspaceId, options, run);
    // News already learned is told even when the register stopped answering part-way.
    run.told += await tellNews(workspaceId, options);
    if (stopped) {
      run.stopped = stopped;
      break;
    }
  }
  return run;
}

async function checkWorkspace(
  workspaceId: string,
  options: RegisterCheckOptions,
  run: RegisterCheckRun,
): Promise<RegisterCheckRun['stopped']> {
  const now = options.now ?? (() => new Date());
  const pace = options.paceMs ?? REGISTER_CHECK_PACE_MS;
  let lastAsked = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const companies = await ContactModel.find(
      {
        workspaceId,
        type: 'company',
        ...live,
        ...(after ? { _id: { $gt: after } } : {}),
      },
      { _id: 1, vatRegNo: 1 },
    )
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean<{ _id: Types.ObjectId; vatRegNo?: string }[]>();
    if (companies.length === 0) return undefined;
    after = companies[companies.length - 1]!._id;
    const withOrgNo = companies.flatMap((company) => {
      const orgNo = orgNoOf(company.vatRegNo);
      return orgNo ? [{ id: company._id, orgNo }] : [];
    });
    const checks = await RegisterCheckModel.find(
      { workspaceId, contactId: { $in: withOrgNo.map((company) => company.id) } },
      { contactId: 1, orgNo: 1, checkedAt: 1 },
    ).lean();
    const lastCheck = new Map(checks.map((check) => [check.contactId.toString(), check]));
    for (const company of withOrgNo) {
      const previous = lastCheck.get(company.id.toString());
      if (
        previous &&
        previous.orgNo === company.orgNo &&
        now().getTime() - previous.checkedAt.getTime() < RECHECK_AFTER_MS
      )
        continue;
      if (options.stopping?.()) return 'stopping';
      if (Date.now() > options.deadline) return 'time';
      let lookup: RegisterLookup;
      try {
        // A fresh answer in the cache (a card opened today) costs the register nothing and is not paced.
        if (!options.register.cached(company.orgNo)) {
          await sleep(Math.max(0, lastAsked + pace - Date.now()));
          lastAsked = Date.now();
        }
        lookup = await options.register.lookup(company.orgNo, LOOKUP_REGISTER_MS);
      } catch (error) {
        if (!isRegisterError(error)) throw error;
        options.warn?.(`Weekly register check of ${workspaceId} stopped: ${error.message}`);
        return 'register';
      }
      await recordCheck(workspaceId, company.id, company.orgNo, lookup, now());
      run.checked += 1;
    }
    await options.touch?.();
  }
}

async function recordCheck(
  workspaceId: string,
  contactId: Types.ObjectId,
  orgNo: string,
  lookup: RegisterLookup,
  at: Date,
): Promise<void> {
  const status = statusOf(lookup);
  const deletedOn = deletedOnOf(lookup);
  const newsworthy = status === 'bankrupt' || status === 'deleted';
  await RegisterCheckModel.updateOne(
    { workspaceId, contactId },
    {
      $set: { orgNo, status, checkedAt: at, ...(deletedOn ? { deletedOn } : {}) },
      // Back to normal (a bankruptcy lifted): a later one is news again.
      ...(newsworthy ? {} : { $unset: { toldStatus: '', ...(deletedOn ? {} : { deletedOn: '' }) } }),
    },
    { upsert: true },
  );
}

/** Each recipient's untold news, one DM each; a news item counts as told once its DM was taken. */
async function tellNews(workspaceId: string, options: RegisterCheckOptions): Promise<number> {
  const untold = await RegisterCheckModel.find(
    { workspaceId, status: { $in: ['bankrupt', 'deleted'] } },
    { contactId: 1, status: 1, toldStatus: 1, deletedOn: 1 },
  ).lean();
  const due = untold.filter((check) => check.toldStatus !== check.status);
  if (due.length === 0) return 0;
  const contacts = await ContactModel.find(
    { workspaceId, _id: { $in: due.map((check) => check.contactId) }, ...live },
    { _id: 1, no: 1, name: 1, salespersonId: 1 },
  ).lean<{ _id: Types.ObjectId; no: string; name: string; salespersonId?: string }[]>();
  const byId = new Map(contacts.map((contact) => [contact._id.toString(), contact]));
  const admins = (await getWorkspaceSetup(workspaceId)).roles.admins;
  const byRecipient = new Map<string, { news: RegisterNews[]; checks: typeof due }>();
  for (const check of due) {
    const contact = byId.get(check.contactId.toString());
    if (!contact) continue;
    const news: RegisterNews = {
      contactId: contact._id.toString(),
      no: contact.no,
      name: contact.name,
      status: check.status as RegisterNews['status'],
      ...(check.deletedOn ? { deletedOn: check.deletedOn } : {}),
    };
    for (const userId of contact.salespersonId ? [contact.salespersonId] : admins) {
      const entry = byRecipient.get(userId) ?? { news: [], checks: [] };
      entry.news.push(news);
      entry.checks.push(check);
      byRecipient.set(userId, entry);
    }
  }
  const toldIds = new Set<string>();
  const failed = new Set<string>();
  for (const [userId, { news, checks }] of byRecipient) {
    try {
      await options.tell({ workspaceId, userId, news });
      for (const check of checks) toldIds.add(check._id.toString());
    } catch (error) {
      options.warn?.(`Telling ${userId} of ${workspaceId} about register news failed: ${(error as Error).message}`);
      // A company several admins hear about is retried for all of them only when one failed; rare, and harmless.
      for (const check of checks) failed.add(check._id.toString());
    }
  }
  const told = due.filter((check) => toldIds.has(check._id.toString()) && !failed.has(check._id.toString()));
  for (const check of told)
    await RegisterCheckModel.updateOne(
      { _id: check._id, workspaceId, status: check.status },
      { $set: { toldStatus: check.status } },
    );
  return told.length;
}

/** Forgets a company's checks (it was erased); a deleted contact's are kept for a restore. */
export async function forgetRegisterChecks(workspaceId: string, contactIds: string[]): Promise<void> {
  const ids = contactIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  await RegisterCheckModel.deleteMany({ workspaceId, contactId: { $in: ids } });
}
