import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CompanyRegister } from '../services/company-register/company-register.service';
import { runRegisterChecks, type RegisterCheckRun } from '../services/company-register/register-check.service';
import { translatorForRecipient } from '../services/language/language.service';
import { registerNewsMessage } from '../views/contact/register-check.message';

/** A run's share of the hour between runs: the rest is left to the next one, so runs never pile up. */
export const REGISTER_CHECK_RUN_MS = 45 * 60_000;

export interface RegisterCheckJobDeps {
  register: CompanyRegister;
  clientFor: (workspaceId: string) => Promise<WebClient>;
  logger: Logger;
  touch?: () => Promise<void>;
  stopping?: () => boolean;
  paceMs?: number;
}

/**
 * The weekly check of companies against Enhetsregisteret (run every hour; each company is due a week after its
 * last check), telling each salesperson in a DM, in their language, which of their companies went bankrupt or
 * were deleted.
 */
export async function runRegisterCheckJob(deps: RegisterCheckJobDeps): Promise<RegisterCheckRun> {
  const run = await runRegisterChecks({
    register: deps.register,
    deadline: Date.now() + REGISTER_CHECK_RUN_MS,
    paceMs: deps.paceMs,
    touch: deps.touch,
    stopping: deps.stopping,
    warn: (message) => deps.logger.warn(message),
    tell: async ({ workspaceId, userId, news }) => {
      const tr = await translatorForRecipient(workspaceId, { userId });
      const client = await deps.clientFor(workspaceId);
      await client.chat.postMessage({ channel: userId, ...registerNewsMessage(tr, news) });
    },
  });
  if (run.checked > 0 || run.told > 0)
    deps.logger.info(
      `Register check: ${run.checked} companies checked in ${run.workspaces} workspace(s), ${run.told} told` +
        (run.stopped ? ` (stopped: ${run.stopped})` : ''),
    );
  return run;
}
