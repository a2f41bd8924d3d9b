/**
 * Test data builders with a default for every field, so a test states only what matters
 * (after GOV.UK Notify): `aDecision({ outcome: 'rejection', availableAt: '…' })`.
 * The record builders are pure: no I/O, no wall clock. `makeDeps` assembles a full Deps from the
 * in-memory adapters, a fixed clock, the fast hasher and deterministic ids.
 */
import { KeyPairEvidenceSigner } from '../../shared/adapters/local/key-pair-evidence-signer.ts';
import type { InMemoryApplicantRepository } from '../../shared/adapters/memory/memory-applicant-repository.ts';
import { InMemoryAttemptLedger } from '../../shared/adapters/memory/memory-attempt-ledger.ts';
import { InMemoryBlobStore } from '../../shared/adapters/memory/memory-blob-store.ts';
import { InMemoryCheckpointStore } from '../../shared/adapters/memory/memory-checkpoint-store.ts';
import type { InMemoryGrantRepository, InMemoryHelperRepository } from '../../shared/adapters/memory/memory-helper-repository.ts';
import { memoryRepositories } from '../../shared/adapters/memory/memory-repositories.ts';
import type { InMemoryLetterRepository } from '../../shared/adapters/memory/memory-letter-repository.ts';
import type { InMemorySessionRepository } from '../../shared/adapters/memory/memory-session-repository.ts';
import { FastHasher } from '../../simulator/fast-hasher.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { InMemoryNotifier } from '../../shared/adapters/memory/memory-notifier.ts';
import { InMemoryScheduler } from '../../shared/adapters/memory/memory-scheduler.ts';
import { InMemoryAlertQueue } from '../../shared/adapters/memory/memory-alert-queue.ts';
import { toInstant } from '../../shared/domain/calendar.ts';
import { isNotifiable } from '../../shared/domain/documents.ts';
import { appendEvidence, headOf } from '../../shared/domain/evidence.ts';
import { formatConnectionKey } from '../../shared/domain/identity.ts';
import { windowEnd } from '../../shared/domain/lifecycle.ts';
import { reminderInstants } from '../../shared/domain/reminders.ts';
import { DEFAULT_RULES } from '../../shared/domain/rules.ts';
import type { AppConfig, Applicant, Deps, Helper, Ids, Letter, LetterRepository, Trigger, TriggerPayload } from '../../shared/ports.ts';
import { handleTrigger } from '../../shared/use-cases/handle-trigger.ts';
import { consumeAlertWork } from '../../shared/use-cases/consume-alert-work.ts';
import { inlineResetCodeRequests } from '../../shared/use-cases/issue-reset-code.ts';

export const AGDREF = '7512345678';
export const OTHER_AGDREF = '7598765432';
export const PUBLIC_URL = 'https://mailbox.example.org';
export const GOOD_PASSWORD = 'Correct&Horse7battery';

/** A minimal PDF (it only needs to start like one); `text` varies the content. */
export function aPdf(text = 'a letter'): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);
}

/** An applicant registered and not yet activated, with a phone and an e-mail. */
export function anApplicant(overrides: Partial<Applicant> = {}): Applicant {
  return {
    agdref: AGDREF,
    ofpraFileNumber: '2201234567',
    language: 'fr',
    phone: '+33612345678',
    email: 'applicant@example.org',
    paperDerogation: false,
    connectionKeyHash: null,
    passwordHash: null,
    activatedAt: null,
    registeredAt: '2023-01-02T09:00:00.000Z',
    failedAttempts: [],
    resetCode: null,
    version: 1,
    ...overrides,
  };
}

/**
 * A deposited letter (a convocation by default) with the fields a deposit derives — notifiable,
 * windowEnd, first reminder, `deposited` evidence — computed from `type`, `availableAt` and
 * `postal` unless given.
 */
export function aLetter(overrides: Partial<Letter> = {}): Letter {
  const type = overrides.type ?? 'convocation';
  const availableAt = toInstant(overrides.availableAt ?? '2023-04-20T10:00:00+02:00');
  const postal = overrides.postal ?? false;
  const windowed = isNotifiable(type) && !postal;
  const id = overrides.id ?? 'DOC-1';
  return {
    id,
    agdref: AGDREF,
    type,
    outcome: type === 'decision' ? 'rejection' : null,
    title: null,
    contentSha256: '0'.repeat(64),
    contentLength: 100,
    blobKey: `letters/${id}.pdf`,
    availableAt,
    notifiable: isNotifiable(type),
    windowEnd: windowed ? windowEnd(availableAt) : null,
    firstOpenedAt: null,
    deemedAt: null,
    postal,
    legalAid: null,
    alerts: [],
    nextReminderAt: windowed ? (reminderInstants(availableAt, DEFAULT_RULES)[0] ?? null) : null,
    evidence: appendEvidence([], { at: availableAt, event: 'deposited' }),
    version: 1,
    ...overrides,
    head: overrides.head ?? headOf(overrides.evidence ?? appendEvidence([], { at: availableAt, event: 'deposited' })),
    ...(overrides.availableAt === undefined ? {} : { availableAt }),
  };
}

/** A decision (rejection by default): see aLetter. */
export function aDecision(overrides: Partial<Letter> = {}): Letter {
  return aLetter({ type: 'decision', outcome: 'rejection', ...overrides });
}

/** An activated helper (docs/api.md "Helpers"), as stored. */
export function anActiveHelper(overrides: Partial<Helper> = {}): Helper {
  return {
    helperId: 'helper-1',
    email: 'a.martin@cada-example.org',
    name: 'Anne Martin',
    organisation: 'CADA Example',
    connectionKeyHash: null,
    passwordHash: 'hash',
    activatedAt: '2023-04-01T08:00:00.000Z',
    createdAt: '2023-04-01T08:00:00.000Z',
    failedAttempts: [],
    grantCode: null,
    version: 2,
    ...overrides,
  };
}

/** Ids that are predictable: `token-1`, `K000-0000-0000-0001`, `000001`, `id-1`… */
export class DeterministicIds implements Ids {
  private counter = 0;
  /** Every reset code handed out, in order. */
  readonly resetCodes: string[] = [];

  sessionToken(): string {
    return `token-${this.next()}`;
  }

  connectionKey(): string {
    return formatConnectionKey(`K${String(this.next()).padStart(15, '0')}`);
  }

  resetCode(): string {
    const code = String(100_000 + this.next()).slice(-6);
    this.resetCodes.push(code);
    return code;
  }

  uniqueId(): string {
    return `id-${this.next()}`;
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }
}

export interface TestDeps extends Deps {
  readonly clock: FixedClock;
  readonly ids: DeterministicIds;
  readonly hasher: FastHasher;
  readonly applicants: InMemoryApplicantRepository;
  readonly attempts: InMemoryAttemptLedger;
  readonly sessions: InMemorySessionRepository;
  readonly letters: InMemoryLetterRepository;
  readonly helpers: InMemoryHelperRepository;
  readonly helperSessions: InMemorySessionRepository;
  readonly grants: InMemoryGrantRepository;
  readonly blobs: InMemoryBlobStore;
  readonly scheduler: InMemoryScheduler;
  readonly notifier: InMemoryNotifier;
  readonly alertQueue: InMemoryAlertQueue;
  readonly evidence: { readonly signer: KeyPairEvidenceSigner; readonly checkpoints: InMemoryCheckpointStore };
}

/** One evidence key for the whole test run (generating one costs about a millisecond). */
export const TEST_EVIDENCE_SIGNER = KeyPairEvidenceSigner.generate();

export const TEST_CONFIG: AppConfig = { publicUrl: PUBLIC_URL, rules: DEFAULT_RULES };

/** A full Deps on the in-memory adapters; `overrides` replace any of them (e.g. a racing repository). */
export function makeDeps<O extends Partial<Deps> = Record<never, never>>(overrides: O = {} as O): Omit<TestDeps, keyof O> & O {
  const clock = overrides.clock instanceof FixedClock ? overrides.clock : new FixedClock('2023-04-20T10:00:00+02:00');
  // As in the cloud (functions/deps.ts), a trigger already due runs at once, on these very deps.
  const runNow = (payload: TriggerPayload): Promise<void> => handleTrigger(result, payload);
  const deps: TestDeps = {
    clock,
    ids: new DeterministicIds(),
    hasher: new FastHasher(),
    ...memoryRepositories(),
    attempts: new InMemoryAttemptLedger(),
    blobs: new InMemoryBlobStore(),
    scheduler: new InMemoryScheduler({ clock, runNow }),
    notifier: new InMemoryNotifier(),
    alertQueue: new InMemoryAlertQueue(clock),
    evidence: { signer: TEST_EVIDENCE_SIGNER, checkpoints: new InMemoryCheckpointStore() },
    config: TEST_CONFIG,
  };
  const merged = { ...deps, ...overrides };
  // Reset codes issued at once (docs/api.md: the request path only hands them on), on these very deps.
  const result = { resetCodeRequests: inlineResetCodeRequests(merged), ...merged };
  return result;
}

/** How long a message whose processing failed stays invisible before it comes back (as in SQS). */
export const VISIBILITY_TIMEOUT_MS = 30_000;

/**
 * Plays the scheduler and the alert queue's consumer: moves the clock to each due trigger's or
 * queued message's instant (at most `until`) and hands it to handleTrigger or consumeAlertWork,
 * including work created meanwhile (queued messages first at one instant). Returns the triggers run.
 */
export async function runTriggersUntil(
  deps: Deps & { readonly clock: FixedClock; readonly scheduler: InMemoryScheduler },
  until: string,
): Promise<Trigger[]> {
  const end = Date.parse(toInstant(until));
  const queue = deps.alertQueue instanceof InMemoryAlertQueue ? deps.alertQueue : null;
  const run: Trigger[] = [];
  for (;;) {
    const [nextTrigger] = deps.scheduler.pending();
    const [nextMessage] = queue?.pending() ?? [];
    const triggerMs = nextTrigger === undefined ? Number.POSITIVE_INFINITY : Date.parse(nextTrigger.at);
    const messageMs = nextMessage === undefined ? Number.POSITIVE_INFINITY : Date.parse(nextMessage.visibleAt);
    const nextMs = Math.min(triggerMs, messageMs);
    if (!Number.isFinite(nextMs) || nextMs > end) break;
    if (nextMs > Date.parse(deps.clock.now())) deps.clock.set(new Date(nextMs).toISOString());
    if (queue !== null && messageMs <= triggerMs) {
      for (const message of queue.due(new Date(messageMs).toISOString())) {
        try {
          await consumeAlertWork(deps, message.work);
        } catch {
          // Not deleted: the queue makes the message visible again after its visibility timeout.
          await queue.enqueue(message.work, VISIBILITY_TIMEOUT_MS);
        }
      }
      continue;
    }
    for (const trigger of deps.scheduler.due(new Date(triggerMs).toISOString())) {
      await handleTrigger(deps, trigger.payload);
      run.push(trigger);
    }
  }
  if (end > Date.parse(deps.clock.now())) deps.clock.set(new Date(end).toISOString());
  return run;
}

/** Runs what the alert queue (and the scheduler) hold for now: the deliveries a deposit queued. */
export async function deliverQueued(deps: Deps & { readonly clock: FixedClock; readonly scheduler: InMemoryScheduler }): Promise<void> {
  await runTriggersUntil(deps, deps.clock.now());
}

/** Stores an applicant record as given (no use case): the usual start of an applicant-side test. */
export async function givenApplicant(deps: Pick<Deps, 'applicants'>, overrides: Partial<Applicant> = {}): Promise<Applicant> {
  const applicant = anApplicant(overrides);
  await deps.applicants.create(applicant);
  return applicant;
}

/** Stores an active applicant whose password is `password` (hashed with the deps' hasher). */
export async function givenActiveApplicant(
  deps: Pick<Deps, 'applicants' | 'hasher'>,
  overrides: Partial<Applicant> = {},
  password = GOOD_PASSWORD,
): Promise<Applicant> {
  return givenApplicant(deps, {
    passwordHash: await deps.hasher.hash(password),
    activatedAt: '2023-01-03T09:00:00.000Z',
    ...overrides,
  });
}

/**
 * A letter repository that delegates to `repository` except for the methods given — to inject a
 * throttle or interleave a concurrent change at an exact point (fakes through deps, no vi.mock).
 */
export function delegating(repository: LetterRepository, replaced: Partial<LetterRepository> = {}): LetterRepository {
  return {
    create: (letter) => repository.create(letter),
    get: (id) => repository.get(id),
    listForApplicant: (agdref) => repository.listForApplicant(agdref),
    update: (next, expected) => repository.update(next, expected),
    pendingDeemedBefore: (before, limit) => repository.pendingDeemedBefore(before, limit),
    remindersDueBefore: (before, limit) => repository.remindersDueBefore(before, limit),
    chainHeads: () => repository.chainHeads(),
    ...replaced,
  };
}
