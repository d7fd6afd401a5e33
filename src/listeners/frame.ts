import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  Context,
  ExternalSelectAction,
  GlobalShortcut,
  MessageShortcut,
  OverflowAction,
  RadioButtonsAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  StaticSelectAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { translator, type Translator } from '../i18n';
import type { Scheduler } from '../jobs/scheduler';
import type { CompanyRegister } from '../services/company-register/company-register.service';
import { userLanguage } from '../services/language/language.service';
import { workspaceOf } from '../services/workspace';
import { failureTextKey, isTriggerError } from '../slack/failure-text';
import type { HomeRefresher } from '../slack/home-refresh';
import { notifyUser } from '../slack/notify';
import { noticeModal } from '../views/notice.modal';

/**
 * The one frame every listener runs in: the listener argument types, the checked workspace on the context, and
 * the wrappers that acknowledge, catch and tell the user — so each listener is only the translation from Slack
 * to a service call and back.
 */

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ActionArgs<A extends BlockAction['actions'][number] = ButtonAction> = SlackActionMiddlewareArgs<
  BlockAction<A>
> &
  AllMiddlewareArgs;
export type ButtonArgs = ActionArgs<ButtonAction>;
export type RadioArgs = ActionArgs<RadioButtonsAction>;
export type PickArgs = ActionArgs<ExternalSelectAction>;
export type OverflowArgs = ActionArgs<OverflowAction>;
export type SelectArgs = ActionArgs<StaticSelectAction>;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
export type GlobalShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;
export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

/** What Kontakt adds to Bolt's context for every request. */
export interface KontaktContext {
  /** The workspace every read and write of this request is scoped to (checked: see services/workspace.ts). */
  workspaceId: string;
  scheduler: Scheduler;
  /** Days a workspace's data is kept after an uninstall. */
  retentionDays: number;
  /** The acting user's language: hand it to every view and text this request produces. */
  tr: Translator;
  /** Re-publishes the Homes a save changed, in the background (see listeners/shared/home.ts: refreshHomes). */
  home: HomeRefresher;
  /** Enhetsregisteret (COMPANY_REGISTER); `enabled` is false when it is off, and then no register feature shows. */
  register: CompanyRegister;
  /** A view submission not finished this long after it arrived is answered "try again" (see guardedSubmit). */
  submitDeadlineMs: number;
}

const KEY = 'kontakt';

/**
 * Global middleware, registered before every listener: puts the checked workspace id and the scheduler on the
 * context. A request without a valid workspace (only a forged or broken payload has none) is acknowledged and
 * goes no further, so no listener can run unscoped.
 */
export function provideKontaktContext(
  app: App,
  deps: {
    scheduler: Scheduler;
    retentionDays: number;
    home: HomeRefresher;
    register: CompanyRegister;
    submitDeadlineMs: number;
  },
): void {
  app.use(async (args) => {
    let workspaceId: string;
    try {
      workspaceId = workspaceOf(args.context);
    } catch {
      args.logger.warn('Refused a request that carries no valid workspace id');
      const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
      // A typeahead must be answered with a list, even an empty one.
      const isOptions = (args.body as { type?: unknown }).type === 'block_suggestion';
      if (ack) await ack(isOptions ? { options: [] } : undefined);
      return;
    }
    const kontakt: KontaktContext = {
      workspaceId,
      scheduler: deps.scheduler,
      retentionDays: deps.retentionDays,
      home: deps.home,
      register: deps.register,
      submitDeadlineMs: deps.submitDeadlineMs,
      // The user's choice, else the workspace's setup language, else English (cached: see language.service.ts).
      tr: translator(await userLanguage(workspaceId, actingUserOf(args.body))),
    };
    args.context[KEY] = kontakt;
    await args.next();
  });
}

export function kontaktOf(context: Context): KontaktContext {
  const kontakt = context[KEY] as KontaktContext | undefined;
  if (!kontakt) throw new Error('The Kontakt context middleware did not run for this request');
  return kontakt;
}

/** The acting user's language, for views and texts (see KontaktContext.tr). */
export const trOf = (args: { context: Context }): Translator => kontaktOf(args.context).tr;

/** The request's language where the Kontakt context exists, else English (a refused or broken request). */
function requestTr(args: { context?: Context }): Translator {
  const kontakt = args.context?.[KEY] as KontaktContext | undefined;
  return kontakt?.tr ?? translator('en');
}

/** Shortcut for the most common need: the request's workspace. */
export const workspaceIdOf = (args: { context: Context }): string => kontaktOf(args.context).workspaceId;

type Acked = { ack: (response?: never) => Promise<void> };
type Tellable = Partial<AllMiddlewareArgs> & {
  body: unknown;
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
};

/** The modal a click or submission came from, if it came from one (then new views are pushed, not opened). */
export function sourceView(body: unknown): { id: string; hash: string } | undefined {
  const view = (body as { view?: { id?: unknown; hash?: unknown; type?: unknown } }).view;
  if (!view || view.type === 'home' || typeof view.id !== 'string') return undefined;
  return { id: view.id, hash: typeof view.hash === 'string' ? view.hash : '' };
}

/** Who acts in a request: the clicker, the command's caller, or the user of an event (App Home opened). */
function actingUserOf(body: unknown): string | undefined {
  const event = (body as { event?: { user?: unknown } }).event;
  if (event && typeof event.user === 'string') return event.user;
  return userIdOf(body);
}

function userIdOf(body: unknown): string | undefined {
  const b = body as { user?: { id?: unknown }; user_id?: unknown };
  const id = b.user?.id ?? b.user_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Tells the acting user something where they are: in place of the modal they are in; else ephemerally through
 * the response_url; else in a notice modal (a Home button's trigger); else in Kontakt's DM.
 */
export async function tell(
  args: Tellable,
  text: string,
  options: { title?: string; triggerSpent?: boolean } = {},
): Promise<void> {
  const title = options.title ?? 'Kontakt';
  const client = args.client;
  if (!client) return;
  const view = sourceView(args.body);
  if (view) {
    await client.views.update({ view_id: view.id, hash: view.hash, view: noticeModal({ title, text }) });
    return;
  }
  const responseUrl = (args.body as { response_url?: unknown }).response_url;
  if (args.respond && typeof responseUrl === 'string') {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  const triggerId = (args.body as { trigger_id?: unknown }).trigger_id;
  if (typeof triggerId === 'string' && !options.triggerSpent) {
    try {
      await client.views.open({ trigger_id: triggerId, view: noticeModal({ title, text }) });
      return;
    } catch {
      // The trigger may be spent or expired by now: the DM still reaches the user.
    }
  }
  const userId = userIdOf(args.body);
  if (userId && args.logger) await notifyUser(client, args.logger, { userId }, { text });
}

/**
 * Ack first, then the work; if it fails, log what failed and tell the user in a sentence named for the failure
 * (database, Slack, an expired trigger, or something unexpected). For commands, buttons, shortcuts and selects.
 * `onFailure: 'log'` is for redraws of a form the user is typing in: replacing it with a notice would lose
 * what they typed, while a missed redraw costs nothing.
 */
export async function guarded(
  args: Tellable & Acked,
  what: string,
  work: () => Promise<void>,
  options: { onFailure?: 'tell' | 'log' } = {},
): Promise<void> {
  await args.ack();
  try {
    await work();
  } catch (error) {
    args.logger?.warn(`${what} failed: ${(error as Error).message}`);
    if (options.onFailure === 'log') return;
    await tell(args, requestTr(args).t(failureTextKey(error)), { triggerSpent: isTriggerError(error) }).catch(
      () => undefined,
    );
  }
}

/** Events are acknowledged by Bolt itself; a failure can only be logged. */
export async function guardedEvent(
  args: { logger: AllMiddlewareArgs['logger'] },
  what: string,
  work: () => Promise<void>,
) {
  try {
    await work();
  } catch (error) {
    args.logger.error(`${what} failed: ${(error as Error).message}`);
  }
}

/** A typeahead answers in its ack, within 3 s: on failure an empty list (and the reason in the log). */
export async function guardedOptions(
  args: OptionsArgs,
  what: string,
  work: () => Promise<Parameters<OptionsArgs['ack']>[0]>,
): Promise<void> {
  let answer: Parameters<OptionsArgs['ack']>[0];
  try {
    answer = await work();
  } catch (error) {
    args.logger.error(`${what} failed: ${(error as Error).message}`);
    answer = { options: [] };
  }
  await args.ack(answer);
}

export type ViewAck = Parameters<ViewArgs['ack']>[0];

/** What a submission handler decides: the ack's answer (none closes the view), then work after the ack. */
export interface Submitted {
  ack?: ViewAck;
  after?: () => Promise<void>;
}

const PAST_DEADLINE = Symbol('past the deadline');

/**
 * A view submission: everything that decides the answer runs before the ack (errors travel in it); a failure
 * there is told in a sentence named for what failed — as an inline error on the block `failure` names, or in the
 * answer `failure` builds (for views without inputs). `after` runs once the view is answered; its failures are
 * logged, the user already has their answer.
 *
 * Slack shows its own error when a submission is not answered within 3 s of its sending. Each database operation is
 * bounded (db/bounds.ts), but a submission makes several, so the submission as a whole is bounded too: work that
 * outlives the context's `submitDeadlineMs` (SUBMIT_ANSWER_DEADLINE_MS) is answered "try again" and goes on; if it
 * then finishes, its `after` still runs (a create or a visit then sends its confirmation). Creates and visits
 * are keyed by the view, so the retry never stores twice.
 */
export async function guardedSubmit(
  args: ViewArgs,
  what: string,
  failure: string | ((text: string) => ViewAck),
  work: () => Promise<Submitted>,
): Promise<void> {
  const answer = (text: string) =>
    args.ack(typeof failure === 'string' ? { response_action: 'errors', errors: { [failure]: text } } : failure(text));
  const deadlineMs = kontaktOf(args.context).submitDeadlineMs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof PAST_DEADLINE>((resolve) => {
    timer = setTimeout(() => resolve(PAST_DEADLINE), deadlineMs);
  });
  const running = work();
  let outcome: Submitted | typeof PAST_DEADLINE;
  try {
    outcome = await Promise.race([running, deadline]);
  } catch (error) {
    args.logger.error(`${what} failed: ${(error as Error).message}`);
    await answer(requestTr(args).t(failureTextKey(error)));
    return;
  } finally {
    clearTimeout(timer);
  }
  if (outcome === PAST_DEADLINE) {
    args.logger.warn(`${what} was not finished within ${deadlineMs} ms: the user was asked to try again`);
    // Handled before the answer is sent: an answer that fails (Slack's receiver gave up already) must not leave the
    // work's own failure unhandled.
    const finishing = running.then(
      (late) => runAfter(args, what, late),
      (error: Error) => args.logger.error(`${what} failed after its answer: ${error.message}`),
    );
    try {
      await answer(requestTr(args).t('error.tooSlow'));
    } finally {
      await finishing;
    }
    return;
  }
  await args.ack(outcome.ack);
  await runAfter(args, what, outcome);
}

async function runAfter(args: ViewArgs, what: string, outcome: Submitted): Promise<void> {
  if (!outcome.after) return;
  try {
    await outcome.after();
  } catch (error) {
    args.logger.warn(`${what}: the work after saving failed: ${(error as Error).message}`);
  }
}

/** Inline errors as a submission's answer. */
export const errorsAck = (errors: Record<string, string>): Submitted => ({
  ack: { response_action: 'errors', errors },
});

/** A modal for a click: pushed over the modal the click came from, else opened with the trigger. */
export async function openOrPush(
  args: ButtonArgs | PickArgs | OverflowArgs | SelectArgs,
  view: ModalView,
): Promise<void> {
  if (sourceView(args.body)) await args.client.views.push({ trigger_id: args.body.trigger_id, view });
  else await args.client.views.open({ trigger_id: args.body.trigger_id, view });
}
