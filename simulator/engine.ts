/**
 * The discrete-event simulation: applicants' actions, the scheduler's one-time triggers and the
 * daily sweep (03:00 Paris), interleaved on one virtual clock and replayed through the product's
 * own use cases — the same functions the Lambdas and the API run. A year runs in milliseconds.
 *
 * Ordering: by instant; at one instant, the timeline's own events first (in file order), then
 * what the system scheduled (in the order it was scheduled). Each applicant acts in sequence, as
 * a person does: their next action waits until the current one is done (retries included).
 *
 * Alerts: the use cases record alerts and queue them (docs/alerts.md); the virtual alert queue
 * hands each message to the product's consumer (consumeAlertWork) at the pace the stage config
 * allows per provider — the same Pacer as the cloud consumer — never faster. It is not the
 * scheduler: scheduler faults do not touch it.
 *
 * Failures: a use case refused with StoreThrottledError (or a lost optimistic race) is retried
 * with backoff on virtual time, as a real caller would (the browser, the office's system, the
 * scheduler's retry policy, the sweep's next run). Any other refusal is recorded, not retried.
 */
import { addDays, parisDate, parisInstant } from '../shared/domain/calendar.ts';
import type { DecisionOutcome, DocumentType, Instant, Language, ParisDate, RuleVariants } from '../shared/domain/types.ts';
import { AlreadyActiveError, AlreadyExistsError, ConcurrentUpdateError, StoreThrottledError } from '../shared/errors.ts';
import { DEFAULT_ALERT_RATES, DEFAULT_SCHEDULER_RATE, Pacer } from '../shared/domain/alert-pacing.ts';
import type { AlertChannel } from '../shared/domain/types.ts';
import type { AlertQueue, AlertWork, Deps, Hasher, Notifier, TriggerPayload } from '../shared/ports.ts';
import { consumeAlertWork } from '../shared/use-cases/consume-alert-work.ts';
import { KeyPairEvidenceSigner } from '../shared/adapters/local/key-pair-evidence-signer.ts';
import { InMemoryCheckpointStore } from '../shared/adapters/memory/memory-checkpoint-store.ts';
import { InMemoryAttemptLedger } from '../shared/adapters/memory/memory-attempt-ledger.ts';
import { InMemoryBlobStore } from '../shared/adapters/memory/memory-blob-store.ts';
import { FastHasher } from './fast-hasher.ts';
import { activateAccount } from '../shared/use-cases/activate-account.ts';
import { depositDocument } from '../shared/use-cases/deposit-document.ts';
import type { DocumentView } from '../shared/use-cases/document-view.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { activateHelper, createHelper, getHelperProfile } from '../shared/use-cases/helper-accounts.ts';
import { grantHelperAccess } from '../shared/use-cases/helper-grants.ts';
import { helperApplicantDocuments, listHelperApplicants } from '../shared/use-cases/helper-views.ts';
import { logIn } from '../shared/use-cases/log-in.ts';
import { openDocument } from '../shared/use-cases/open-document.ts';
import { recordLegalAid } from '../shared/use-cases/record-legal-aid.ts';
import { registerApplicant } from '../shared/use-cases/register-applicant.ts';
import { reissueConnectionKey } from '../shared/use-cases/reissue-connection-key.ts';
import { setContact } from '../shared/use-cases/set-contact.ts';
import { sweep } from '../shared/use-cases/sweep.ts';
import { EventQueue } from './event-queue.ts';
import { emptyFaultCounters, withFaults, type FaultCounters } from './faults.ts';
import { pdfFor } from './pdf.ts';
import type { Fault } from './schema.ts';
import { SeededIds } from './seeded-ids.ts';
import type { Repositories } from './stores.ts';
import { VirtualClock } from './virtual-clock.ts';
import { VirtualNotifier, type NotifierObserver } from './virtual-notifier.ts';
import { VirtualScheduler } from './virtual-scheduler.ts';

/** A password that meets docs/api.md's policy: every simulated applicant activates with it. */
export const SIMULATED_PASSWORD = 'Simulated&Passw0rd';
export const DEFAULT_PUBLIC_URL = 'https://mailbox.example.org';

/** A retried action waits 20 ms, 40 ms, … up to 1 s of virtual time: short enough never to cross a day by itself. */
const BACKOFF_BASE_MS = 20;
const BACKOFF_CAP_MS = 1_000;
/** After this many throttled attempts an action is recorded as refused (a caller gives up too). */
export const MAX_ATTEMPTS = 200;
/** Page size of the sweep's index queries. */
const SWEEP_LIMIT = 100;
const SWEEP_TIME = '03:00';

export type Action =
  | { readonly do: 'register' }
  | { readonly do: 'activate' }
  | { readonly do: 'login' }
  | { readonly do: 'helperLook' }
  | { readonly do: 'setContact'; readonly phone?: string | null; readonly email?: string | null }
  | {
      readonly do: 'deposit';
      readonly doc: string;
      readonly documentId: string;
      readonly type: DocumentType;
      readonly outcome: DecisionOutcome | null;
      readonly title?: string;
    }
  | { readonly do: 'open' | 'legalAidRequest' | 'legalAidDecision'; readonly doc: string; readonly documentId: string };

export interface PlannedEvent {
  readonly ms: number;
  /** Rank among all timeline events at the same instant (file order). */
  readonly tie: number;
  readonly action: Action;
  /** Index in the source file's `events` (-1 for an implicit registration or a synthetic event). */
  readonly sourceIndex: number;
}

export interface PlannedApplicant {
  readonly id: string;
  readonly agdref: string;
  readonly ofpraFileNumber?: string;
  readonly language?: Language;
  readonly paperDerogation?: boolean;
  readonly phone?: string;
  readonly email?: string;
  /** Sorted by (ms, tie). */
  readonly events: readonly PlannedEvent[];
}

/** What an action gave back when it succeeded (the open's document view, for instance). */
export type ActionResult = { readonly document?: DocumentView } | undefined;

export interface SimulationObserver {
  /** `attempts` > 1 when it needed retries. */
  done?(applicant: PlannedApplicant, event: PlannedEvent, result: ActionResult, at: Instant, attempts: number): void;
  refused?(applicant: PlannedApplicant, event: PlannedEvent, error: unknown, at: Instant): void;
  /** A trigger or a sweep failed for good (a real deployment would alarm on it). */
  systemError?(what: string, error: unknown, at: Instant): void;
}

export interface SimulationOptions {
  readonly startMs: number;
  readonly rules: RuleVariants;
  readonly faults: readonly Fault[];
  readonly seed: string;
  readonly repositories: Repositories;
  readonly notifierObserver: NotifierObserver;
  readonly observer?: SimulationObserver;
  readonly publicUrl?: string;
  readonly hasher?: Hasher;
  /** The providers' quotas per second (campaign mode); none: unlimited providers. */
  readonly quotas?: Partial<Record<AlertChannel | 'scheduler', number>>;
  /** The rates the product's alert consumer is configured with (the stage config); default: the providers' default quotas. */
  readonly pace?: Partial<Record<AlertChannel | 'scheduler', number>>;
}

type Lane = AlertChannel | 'scheduler';

type QueueItem =
  | { readonly t: 'applicant'; readonly applicant: number; readonly event: number; readonly attempt: number }
  | { readonly t: 'trigger'; readonly name: string; readonly token: number }
  | { readonly t: 'triggerRetry'; readonly payload: TriggerPayload; readonly attempt: number }
  | { readonly t: 'sweep'; readonly attempt: number }
  | { readonly t: 'work'; readonly work: AlertWork; readonly paced: boolean; readonly attempt: number };

interface ApplicantState {
  connectionKey: string | null;
  readonly legalAidRequestedOn: Map<string, ParisDate>;
}

/** Counts of what the engine did, for reports and benchmarks. */
export interface EngineCounters {
  events: number;
  retriedEvents: number;
  refusedEvents: number;
  triggersFired: number;
  triggersCancelled: number;
  sweeps: number;
  sweepDeemed: number;
  sweepReminders: number;
  sweepRepaired: number;
  /** Letters a sweep could not process (left for the next night). */
  sweepFailed: number;
  systemErrors: number;
  /** Alert-queue messages consumed, and of those how many the provider throttled. */
  queueMessages: number;
  queueThrottled: number;
}

export class Simulation {
  readonly clock: VirtualClock;
  /** What the use cases see: the ports with the file's faults applied. */
  readonly deps: Deps;
  /** The same store, clock and config without faults: for reading results after the run. */
  readonly cleanDeps: Deps;
  readonly faultCounters: FaultCounters;
  readonly counters: EngineCounters = {
    events: 0,
    retriedEvents: 0,
    refusedEvents: 0,
    triggersFired: 0,
    triggersCancelled: 0,
    sweeps: 0,
    sweepDeemed: 0,
    sweepReminders: 0,
    sweepRepaired: 0,
    sweepFailed: 0,
    systemErrors: 0,
    queueMessages: 0,
    queueThrottled: 0,
  };
  /** Alert-queue messages enqueued and not consumed yet. */
  queuedWork = 0;
  readonly notifier: VirtualNotifier;
  private readonly queue: EventQueue<QueueItem>;
  readonly scheduler: VirtualScheduler;
  private readonly pacers: Readonly<Record<Lane, Pacer>>;
  private readonly applicants: PlannedApplicant[] = [];
  private readonly states: ApplicantState[] = [];
  private readonly observer: SimulationObserver;
  private nextSweepMs: number;
  /** The run's one helper, once a `helperLook` event has created it. */
  private helperId: string | null = null;

  constructor(options: SimulationOptions, firstSystemTie = 1e12) {
    this.clock = new VirtualClock(options.startMs);
    this.queue = new EventQueue<QueueItem>(firstSystemTie);
    this.observer = options.observer ?? {};
    const quotas = options.quotas ?? {};
    this.scheduler = new VirtualScheduler(
      { enqueueTrigger: (ms, name, token) => this.queue.pushSystem(Math.max(ms, this.clock.nowMs()), { t: 'trigger', name, token }) },
      quotas.scheduler === undefined ? undefined : { perSecond: quotas.scheduler, clock: this.clock },
    );
    this.notifier = new VirtualNotifier(this.clock, options.notifierObserver, {
      ...(quotas.sms === undefined ? {} : { sms: quotas.sms }),
      ...(quotas.email === undefined ? {} : { email: quotas.email }),
    });
    const notifier: Notifier = this.notifier;
    const pace = { sms: DEFAULT_ALERT_RATES.sms, email: DEFAULT_ALERT_RATES.email, scheduler: DEFAULT_SCHEDULER_RATE, ...options.pace };
    this.pacers = { sms: new Pacer(pace.sms), email: new Pacer(pace.email), scheduler: new Pacer(pace.scheduler) };
    const alertQueue: AlertQueue = {
      enqueue: async (work, delayMs) => {
        this.queuedWork += 1;
        this.queue.pushSystem(this.clock.nowMs() + Math.max(0, Math.round(delayMs)), { t: 'work', work, paced: false, attempt: 1 });
      },
    };
    const faulted = withFaults(options.faults, options.seed, {
      scheduler: this.scheduler,
      notifier,
      repositories: { applicants: options.repositories.applicants, sessions: options.repositories.sessions, letters: options.repositories.letters },
    }, emptyFaultCounters());
    this.faultCounters = faulted.counters;
    const shared = {
      clock: this.clock,
      ids: new SeededIds(options.seed),
      hasher: options.hasher ?? new FastHasher(),
      attempts: new InMemoryAttemptLedger(),
      blobs: new InMemoryBlobStore(),
      // R12: sealed as in production (same export and checkpoint format), with a key of the run.
      evidence: { signer: KeyPairEvidenceSigner.generate(), checkpoints: new InMemoryCheckpointStore() },
      config: { publicUrl: options.publicUrl ?? DEFAULT_PUBLIC_URL, rules: options.rules },
    };
    const { helpers, helperSessions, grants } = options.repositories;
    this.deps = { ...shared, ...faulted.repositories, helpers, helperSessions, grants, scheduler: faulted.scheduler, notifier: faulted.notifier, alertQueue };
    this.cleanDeps = { ...shared, ...options.repositories, scheduler: this.scheduler, notifier, alertQueue };
    this.nextSweepMs = firstSweepAfter(options.startMs);
    this.queue.pushSystem(this.nextSweepMs, { t: 'sweep', attempt: 1 });
  }

  /** Adds applicants; each one's first event is queued (the rest follow one by one). */
  add(applicants: readonly PlannedApplicant[]): void {
    for (const applicant of applicants) {
      const index = this.applicants.length;
      this.applicants.push(applicant);
      this.states.push({ connectionKey: null, legalAidRequestedOn: new Map() });
      const first = applicant.events[0];
      if (first !== undefined) this.queue.push(first.ms, first.tie, { t: 'applicant', applicant: index, event: 0, attempt: 1 });
    }
  }

  /** Runs everything due at or before `untilMs`, then leaves the clock at `untilMs`. */
  async runUntil(untilMs: number): Promise<void> {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.ms > untilMs) break;
      this.queue.pop();
      this.clock.advanceTo(next.ms);
      await this.handle(next.item);
    }
    this.clock.advanceTo(untilMs);
  }

  /** Instant of the first timeline event still waiting (after `runUntil`), or null. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  private async handle(item: QueueItem): Promise<void> {
    switch (item.t) {
      case 'applicant':
        return this.runApplicantEvent(item.applicant, item.event, item.attempt);
      case 'trigger': {
        const payload = this.scheduler.claim(item.name, item.token);
        if (payload === undefined) {
          this.counters.triggersCancelled += 1;
          return;
        }
        return this.runTrigger(payload, 1);
      }
      case 'triggerRetry':
        return this.runTrigger(item.payload, item.attempt);
      case 'sweep':
        return this.runSweep(item.attempt);
      case 'work':
        return this.runWork(item);
    }
  }

  /** One alert-queue message: first paced (a slot of its provider's lane), then consumed by the product. */
  private async runWork(item: { readonly work: AlertWork; readonly paced: boolean; readonly attempt: number }): Promise<void> {
    const nowMs = this.clock.nowMs();
    if (!item.paced) {
      const lane: Lane = item.work.kind === 'schedule' ? 'scheduler' : item.work.channel;
      const slotMs = Math.ceil(this.pacers[lane].slot(nowMs));
      if (slotMs > nowMs) {
        this.queue.pushSystem(slotMs, { t: 'work', work: item.work, paced: true, attempt: item.attempt });
        return;
      }
    }
    this.queuedWork -= 1;
    try {
      const outcome = await consumeAlertWork(this.deps, item.work);
      this.counters.queueMessages += 1;
      if (outcome === 'throttled') this.counters.queueThrottled += 1;
    } catch (error) {
      if (isRetryable(error) && item.attempt < MAX_ATTEMPTS) {
        // The message was not deleted: the queue makes it visible again after a while.
        this.queuedWork += 1;
        this.queue.pushSystem(nowMs + backoffMs(item.attempt), { t: 'work', work: item.work, paced: false, attempt: item.attempt + 1 });
        return;
      }
      this.counters.systemErrors += 1;
      this.observer.systemError?.(`alert queue ${JSON.stringify(item.work)}`, error, this.clock.now());
    }
  }

  private async runApplicantEvent(index: number, eventIndex: number, attempt: number): Promise<void> {
    const applicant = this.applicants[index];
    const state = this.states[index];
    const event = applicant?.events[eventIndex];
    if (applicant === undefined || state === undefined || event === undefined) return;
    const now = this.clock.now();
    try {
      const result = await this.perform(applicant, state, event.action, attempt);
      this.counters.events += 1;
      if (attempt > 1) this.counters.retriedEvents += 1;
      this.observer.done?.(applicant, event, result, now, attempt);
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
        this.queue.pushSystem(this.clock.nowMs() + backoffMs(attempt), { t: 'applicant', applicant: index, event: eventIndex, attempt: attempt + 1 });
        return;
      }
      this.counters.events += 1;
      this.counters.refusedEvents += 1;
      this.observer.refused?.(applicant, event, error, now);
    }
    const next = applicant.events[eventIndex + 1];
    if (next !== undefined) {
      this.queue.push(Math.max(next.ms, this.clock.nowMs()), next.tie, { t: 'applicant', applicant: index, event: eventIndex + 1, attempt: 1 });
    }
  }

  private async perform(applicant: PlannedApplicant, state: ApplicantState, action: Action, attempt: number): Promise<ActionResult> {
    const deps = this.deps;
    const agdref = applicant.agdref;
    switch (action.do) {
      case 'register': {
        try {
          const registered = await registerApplicant(deps, {
            agdref,
            ofpraFileNumber: applicant.ofpraFileNumber ?? null,
            language: applicant.language ?? 'fr',
            phone: applicant.phone ?? null,
            email: applicant.email ?? null,
            paperDerogation: applicant.paperDerogation ?? false,
          });
          state.connectionKey = registered.connectionKey;
        } catch (error) {
          // A retried registration whose first attempt was stored: the office asks for a new key.
          if (!(attempt > 1 && error instanceof AlreadyExistsError)) throw error;
          state.connectionKey = (await reissueConnectionKey(deps, { agdref })).connectionKey;
        }
        return undefined;
      }
      case 'activate': {
        try {
          await activateAccount(deps, { agdref, connectionKey: state.connectionKey ?? '', password: SIMULATED_PASSWORD });
        } catch (error) {
          if (!(attempt > 1 && error instanceof AlreadyActiveError)) throw error;
        }
        return undefined;
      }
      case 'login':
        await logIn(deps, { identifier: agdref, password: SIMULATED_PASSWORD });
        return undefined;
      case 'helperLook':
        await this.helperLooks(agdref);
        return undefined;
      case 'setContact':
        await setContact(deps, {
          agdref,
          ...(action.phone === undefined ? {} : { phone: action.phone }),
          ...(action.email === undefined ? {} : { email: action.email }),
        });
        return undefined;
      case 'deposit': {
        const deposited = await depositDocument(deps, {
          agdref,
          documentId: action.documentId,
          type: action.type,
          ...(action.outcome === null ? {} : { outcome: action.outcome }),
          ...(action.title === undefined ? {} : { title: action.title }),
          content: pdfFor(action.documentId),
        });
        return { document: deposited.document };
      }
      case 'open': {
        const opened = await openDocument(deps, { agdref, documentId: action.documentId });
        return { document: opened.document };
      }
      case 'legalAidRequest': {
        const requestedOn = parisDate(this.clock.now());
        const document = await recordLegalAid(deps, { agdref, documentId: action.documentId, requestedOn });
        state.legalAidRequestedOn.set(action.documentId, requestedOn);
        return { document };
      }
      case 'legalAidDecision': {
        const requestedOn = state.legalAidRequestedOn.get(action.documentId);
        if (requestedOn === undefined) throw new Error('a legal-aid decision needs an earlier recorded request');
        const document = await recordLegalAid(deps, {
          agdref,
          documentId: action.documentId,
          requestedOn,
          decisionNotifiedOn: parisDate(this.clock.now()),
        });
        return { document };
      }
    }
  }

  /**
   * docs/api.md "Helpers": the run's one helper (created on first use) gets access from this applicant
   * if it has none, then looks at its list and at this applicant's letters — reads only, which
   * must change no date (R4: a helper's look is never an opening) and send nothing.
   */
  private async helperLooks(agdref: string): Promise<void> {
    const deps = this.deps;
    if (this.helperId === null) {
      const email = 'simulated.helper@example.org';
      const created = await createHelper(deps, { email, name: 'Simulated helper', organisation: 'Simulator' });
      await activateHelper(deps, { email, connectionKey: created.connectionKey, password: SIMULATED_PASSWORD });
      this.helperId = created.helperId;
    }
    const helperId = this.helperId;
    if ((await deps.grants.getGrant(helperId, agdref, deps.clock.now())) === null) {
      const { grantCode } = await getHelperProfile(deps, { helperId });
      await grantHelperAccess(deps, { agdref, grantCode });
    }
    await listHelperApplicants(deps, { helperId });
    await helperApplicantDocuments(deps, { helperId, agdref });
  }

  private async runTrigger(payload: TriggerPayload, attempt: number): Promise<void> {
    try {
      await handleTrigger(this.deps, payload);
      this.counters.triggersFired += 1;
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
        // EventBridge Scheduler's retry policy: the same payload, later.
        this.queue.pushSystem(this.clock.nowMs() + backoffMs(attempt), { t: 'triggerRetry', payload, attempt: attempt + 1 });
        return;
      }
      this.counters.systemErrors += 1;
      this.observer.systemError?.(`trigger ${JSON.stringify(payload)}`, error, this.clock.now());
    }
  }

  private async runSweep(attempt: number): Promise<void> {
    try {
      // One run a night, as the scheduled rule does; it pages through both indexes itself and
      // leaves what it could not finish (throttled letters) to the next night.
      const result = await sweep(this.deps, { limit: SWEEP_LIMIT });
      this.counters.sweeps += 1;
      this.counters.sweepDeemed += result.deemed;
      this.counters.sweepReminders += result.reminders;
      this.counters.sweepRepaired += result.repaired;
      this.counters.sweepFailed += result.failed;
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
        this.queue.pushSystem(this.clock.nowMs() + backoffMs(attempt), { t: 'sweep', attempt: attempt + 1 });
        return;
      }
      this.counters.systemErrors += 1;
      this.observer.systemError?.('sweep', error, this.clock.now());
    }
    this.nextSweepMs = nextSweepAfter(this.nextSweepMs);
    this.queue.pushSystem(this.nextSweepMs, { t: 'sweep', attempt: 1 });
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof StoreThrottledError || error instanceof ConcurrentUpdateError;
}

function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt - 1, 20));
}

/** The first 03:00 Paris strictly after `ms`. */
export function firstSweepAfter(ms: number): number {
  const date = parisDate(new Date(ms).toISOString());
  const sameDay = Date.parse(parisInstant(date, SWEEP_TIME));
  return sameDay > ms ? sameDay : Date.parse(parisInstant(addDays(date, 1), SWEEP_TIME));
}

/** 03:00 Paris the day after the sweep at `sweepMs` (DST-safe: computed on the calendar, not +24 h). */
function nextSweepAfter(sweepMs: number): number {
  return Date.parse(parisInstant(addDays(parisDate(new Date(sweepMs).toISOString()), 1), SWEEP_TIME));
}
