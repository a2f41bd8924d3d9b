/**
 * Runs timeline files (docs/timelines.md): plans each applicant's events, replays them on a
 * Simulation, reads every document through toDocumentView at `until`, checks the expectations
 * and builds the result of the `--json` contract.
 *
 * A file with faults is also replayed without them, with the same seed: a fault must never
 * change a date, so any date that differs is a failure even where the file expects nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_RULES } from '../shared/domain/rules.ts';
import type { AlertChannel, AlertKind, EvidenceEvent, Instant, Language, RuleVariants } from '../shared/domain/types.ts';
import { AppError } from '../shared/errors.ts';
import type { Deps, Letter } from '../shared/ports.ts';
import { verifyChain } from '../shared/domain/evidence.ts';
import { checkpointEvidence } from '../shared/use-cases/checkpoint-evidence.ts';
import { toDocumentView } from '../shared/use-cases/document-view.ts';
import { exportEvidence } from '../shared/use-cases/export-evidence.ts';
import { Simulation, type Action, type EngineCounters, type PlannedApplicant, type PlannedEvent } from './engine.ts';
import { checkExpectation, type ActualValues, type Checked, type Failure } from './expectations.ts';
import type { FaultCounters } from './faults.ts';
import type { Fault, TimelineApplicant, TimelineEvent, TimelineFile } from './schema.ts';
import type { StoreProvider } from './stores.ts';
import { MessageLog } from './virtual-notifier.ts';

const DAY_MS = 86_400_000;
/** docs/timelines.md: `until` defaults to 60 days after the last event. */
const DEFAULT_RUN_ON_MS = 60 * DAY_MS;

export interface EvidenceResult {
  readonly at: Instant;
  readonly event: EvidenceEvent['event'];
  readonly channel?: AlertChannel;
  readonly kind?: AlertKind;
  readonly day?: number;
  readonly date?: string;
  /** For `alertOutcomeUnknown`: the attempt whose outcome was never recorded. */
  readonly attempt?: number;
  readonly hash: string;
}

export interface AlertResult {
  readonly id: string;
  readonly channel: AlertChannel;
  readonly kind: AlertKind;
  readonly day: number;
  readonly status: string;
  readonly attempts: number;
  /** Messages the provider accepted with this alert's id (1 when all went well). */
  readonly accepted: number;
}

/** R12: `alertSent:sms:reminder:7`, `legalAidRequested:2019-06-17`, `deposited`… */
export function evidenceStep(event: Pick<EvidenceEvent, 'event' | 'channel' | 'kind' | 'day' | 'date'>): string {
  return [event.event, event.channel, event.kind, event.day, event.date].filter((part) => part !== undefined).join(':');
}

export interface DocumentResult extends Omit<ActualValues, 'evidence'> {
  readonly doc: string;
  readonly documentId: string;
  readonly type: string;
  readonly outcome: string | null;
  readonly availableAt: Instant;
  readonly windowEnd: Instant | null;
  readonly deemedAt: Instant | null;
  readonly postal: boolean;
  readonly status: string;
  readonly legalAid: { readonly requestedOn: string; readonly decisionNotifiedOn: string | null } | null;
  readonly alerts: readonly AlertResult[];
  /** R12: the evidence chain, in order, with its hashes. */
  readonly evidence: readonly EvidenceResult[];
  /** R12: whether the chain's hashes verify. */
  readonly chainValid: boolean;
}

/** What the expectations compare, `evidence` as its steps. */
export function actualValues(document: DocumentResult): ActualValues {
  return { ...document, evidence: document.evidence.map((event) => evidenceStep(event)).join(', ') };
}

export interface RefusedEvent {
  readonly at: Instant;
  readonly do: string;
  readonly doc?: string;
  /** Index in the file's `events` (absent for the implicit registration). */
  readonly event?: number;
  readonly error: string;
}

export interface ApplicantResult {
  readonly id: string;
  readonly agdref: string;
  readonly documents: readonly DocumentResult[];
  readonly refused: readonly RefusedEvent[];
}

export interface FileResult {
  readonly file: string;
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly applicants: readonly ApplicantResult[];
  readonly failures: readonly Failure[];
  readonly seed: string;
  readonly rules: RuleVariants;
  readonly faults: readonly Fault[];
  readonly start: Instant;
  readonly until: Instant;
  /** Alerts not delivered at `until` (every retry exhausted, or no contact left): reported, never silent. */
  readonly undeliveredAlerts: ReadonlyArray<{ readonly applicant: string; readonly doc: string } & AlertResult>;
  readonly systemErrors: ReadonlyArray<{ readonly at: Instant; readonly what: string; readonly error: string }>;
  readonly skippedEvents: number;
  readonly engine: EngineCounters;
  readonly injected: FaultCounters;
}

export interface RunResult {
  readonly files: FileResult[];
  readonly passed: number;
  readonly failed: number;
}

export interface RunOptions {
  readonly store: StoreProvider;
  /** Seed of every fault and id; default: the file's name (so a run is reproducible). */
  readonly seed?: string;
  /** Replay files with faults without them and compare the dates (default true). */
  readonly faultFreeCheck?: boolean;
  /**
   * R12: at the end of the run, take a checkpoint and write each letter's signed export
   * (`<timeline>.<doc>.json`, the production format: `npm run verify-evidence` checks it) and the
   * run's public keys (`<timeline>.keys.json`) to this folder.
   */
  readonly evidenceDir?: string;
}

const EVENT_RANK: Readonly<Record<TimelineEvent['do'], number>> = {
  register: 0,
  deposit: 1,
  activate: 2,
  setContact: 2,
  open: 2,
  login: 2,
  legalAidRequest: 2,
  legalAidDecision: 2,
  helperLook: 2,
};

/** A document id for a label without one: stable, unique in the file, short and name-safe. */
export function defaultDocumentId(agdref: string, doc: string): string {
  const safe = /^[0-9A-Za-z_-]{1,20}$/.test(doc) ? doc : createHash('sha256').update(doc).digest('hex').slice(0, 12);
  return `D${agdref}-${safe}`;
}

export interface Plan {
  readonly applicants: PlannedApplicant[];
  readonly startMs: number;
  readonly untilMs: number;
  /** Per applicant: doc label → document id, in order of first deposit. */
  readonly documentIds: ReadonlyArray<ReadonlyMap<string, string>>;
  /** Events after `until`: never run. */
  readonly skipped: number;
}

/** Orders every event of the file: by instant; ties in file order (a registration, then deposits, go first). */
export function planTimeline(file: TimelineFile): Plan {
  let tie = 0;
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  const documentIds: Array<Map<string, string>> = [];
  const sorted = file.applicants.map((applicant) =>
    applicant.events
      .map((event, index) => ({ event, index, ms: Date.parse(event.at) }))
      .sort((x, y) => x.ms - y.ms || EVENT_RANK[x.event.do] - EVENT_RANK[y.event.do] || x.index - y.index),
  );
  for (const events of sorted) {
    for (const { ms } of events) {
      firstMs = Math.min(firstMs, ms);
      lastMs = Math.max(lastMs, ms);
    }
  }
  if (!Number.isFinite(firstMs)) {
    firstMs = file.until === undefined ? Date.now() : Date.parse(file.until);
    lastMs = firstMs;
  }
  const untilMs = file.until === undefined ? lastMs + DEFAULT_RUN_ON_MS : Date.parse(file.until);
  let skipped = 0;
  const applicants = file.applicants.map((applicant, a) => {
    const ids = new Map<string, string>();
    documentIds.push(ids);
    for (const { event } of sorted[a] ?? []) {
      if (event.do === 'deposit' && !ids.has(event.doc)) ids.set(event.doc, event.documentId ?? defaultDocumentId(applicant.agdref, event.doc));
    }
    const events: PlannedEvent[] = [];
    const first = sorted[a]?.[0];
    if (first !== undefined && !(sorted[a] ?? []).some(({ event }) => event.do === 'register')) {
      // docs/timelines.md: an applicant with no register event is registered just before their first event.
      events.push({ ms: first.ms, tie: tie++, action: { do: 'register' }, sourceIndex: -1 });
    }
    for (const { event, index, ms } of sorted[a] ?? []) {
      if (ms > untilMs) {
        skipped += 1;
        continue;
      }
      events.push({ ms, tie: tie++, action: toAction(event, ids), sourceIndex: index });
    }
    return planned(applicant, events);
  });
  return { applicants, startMs: firstMs, untilMs, documentIds, skipped };
}

function planned(applicant: TimelineApplicant, events: PlannedEvent[]): PlannedApplicant {
  return {
    id: applicant.id,
    agdref: applicant.agdref,
    ...(applicant.ofpraFileNumber === undefined ? {} : { ofpraFileNumber: applicant.ofpraFileNumber }),
    ...(applicant.language === undefined ? {} : { language: applicant.language }),
    ...(applicant.paperDerogation === undefined ? {} : { paperDerogation: applicant.paperDerogation }),
    ...(applicant.phone === undefined ? {} : { phone: applicant.phone }),
    ...(applicant.email === undefined ? {} : { email: applicant.email }),
    events,
  };
}

function toAction(event: TimelineEvent, ids: ReadonlyMap<string, string>): Action {
  const idOf = (doc: string): string => ids.get(doc) ?? doc;
  switch (event.do) {
    case 'register':
    case 'activate':
    case 'login':
    case 'helperLook':
      return { do: event.do };
    case 'setContact':
      return {
        do: 'setContact',
        ...(event.phone === undefined ? {} : { phone: event.phone }),
        ...(event.email === undefined ? {} : { email: event.email }),
      };
    case 'deposit':
      return {
        do: 'deposit',
        doc: event.doc,
        documentId: idOf(event.doc),
        type: event.type,
        outcome: event.outcome ?? null,
        ...(event.title === undefined ? {} : { title: event.title }),
      };
    case 'open':
    case 'legalAidRequest':
    case 'legalAidDecision':
      return { do: event.do, doc: event.doc, documentId: idOf(event.doc) };
  }
}

export function rulesOf(file: TimelineFile): RuleVariants {
  return { ...DEFAULT_RULES, ...(file.rules ?? {}) };
}

function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

interface Replay {
  readonly applicants: ApplicantResult[];
  readonly messages: MessageLog;
  readonly systemErrors: Array<{ at: Instant; what: string; error: string }>;
  readonly engine: EngineCounters;
  readonly injected: FaultCounters;
}

async function replay(
  file: TimelineFile,
  plan: Plan,
  faults: readonly Fault[],
  seed: string,
  store: StoreProvider,
  evidence?: { readonly dir: string; readonly name: string },
): Promise<Replay> {
  const handle = await store.open();
  try {
    const messages = new MessageLog();
    const refused = plan.applicants.map((): RefusedEvent[] => []);
    const indexOf = new Map(plan.applicants.map((applicant, index) => [applicant, index]));
    const systemErrors: Array<{ at: Instant; what: string; error: string }> = [];
    const rules = rulesOf(file);
    const simulation = new Simulation({
      startMs: plan.startMs,
      rules,
      faults,
      seed,
      repositories: handle,
      notifierObserver: messages,
      observer: {
        refused: (applicant, event, error, at) => {
          const action = event.action;
          refused[indexOf.get(applicant) ?? 0]?.push({
            at,
            do: action.do,
            ...('doc' in action ? { doc: action.doc } : {}),
            ...(event.sourceIndex >= 0 ? { event: event.sourceIndex } : {}),
            error: describeError(error),
          });
        },
        systemError: (what, error, at) => systemErrors.push({ at, what, error: describeError(error) }),
      },
    });
    simulation.add(plan.applicants);
    await simulation.runUntil(plan.untilMs);

    const now = simulation.clock.now();
    const deps = simulation.cleanDeps;
    const applicants: ApplicantResult[] = [];
    for (const [index, applicant] of plan.applicants.entries()) {
      const stored = await deps.applicants.get(applicant.agdref);
      const language: Language = stored?.language ?? applicant.language ?? 'fr';
      const documents: DocumentResult[] = [];
      for (const [doc, documentId] of plan.documentIds[index] ?? new Map<string, string>()) {
        const letter = await deps.letters.get(documentId);
        if (letter === null || letter.agdref !== applicant.agdref) continue;
        documents.push(documentResult(doc, letter, language, rules, now, messages));
      }
      applicants.push({ id: applicant.id, agdref: applicant.agdref, documents, refused: refused[index] ?? [] });
    }
    if (evidence !== undefined) await writeSealedEvidence(deps, plan, evidence);
    return { applicants, messages, systemErrors, engine: simulation.counters, injected: simulation.faultCounters };
  } finally {
    await handle.close();
  }
}

/** R12: the run's letters exported exactly as the office API exports them, with a checkpoint covering them. */
async function writeSealedEvidence(deps: Deps, plan: Plan, evidence: { readonly dir: string; readonly name: string }): Promise<void> {
  await mkdir(evidence.dir, { recursive: true });
  await checkpointEvidence(deps);
  for (const [index, applicant] of plan.applicants.entries()) {
    for (const [doc, documentId] of plan.documentIds[index] ?? new Map<string, string>()) {
      const letter = await deps.letters.get(documentId);
      if (letter === null || letter.agdref !== applicant.agdref) continue;
      const exported = await exportEvidence(deps, { agdref: applicant.agdref, documentId });
      await writeFile(join(evidence.dir, `${evidence.name}.${applicant.id}.${doc}.json`), `${JSON.stringify(exported, null, 2)}\n`);
    }
  }
  await writeFile(join(evidence.dir, `${evidence.name}.keys.json`), `${JSON.stringify({ keys: await deps.evidence.signer.publicKeys() }, null, 2)}\n`);
}

function documentResult(doc: string, letter: Letter, language: Language, rules: RuleVariants, now: Instant, messages: MessageLog): DocumentResult {
  const view = toDocumentView(letter, language, rules, now);
  const alerts: AlertResult[] = letter.alerts.map((alert) => ({
    id: alert.id,
    channel: alert.channel,
    kind: alert.kind,
    day: alert.day,
    status: alert.status,
    attempts: alert.attempts,
    accepted: messages.countOf(alert.id),
  }));
  const count = (channel: AlertChannel): number =>
    alerts.filter((alert) => alert.channel === channel).reduce((sum, alert) => sum + alert.accepted, 0);
  return {
    doc,
    documentId: letter.id,
    type: letter.type,
    outcome: letter.outcome,
    availableAt: letter.availableAt,
    firstOpenedAt: view.firstOpenedAt,
    notificationDate: view.notificationDate,
    notifiedBy: view.notifiedBy,
    consultationDeadline: view.consultationDeadline,
    appealDeadline: view.appealDeadline ?? null,
    legalAidDeadline: view.legalAidDeadline ?? null,
    sms: count('sms'),
    email: count('email'),
    chainValid: verifyChain(letter.evidence, letter.head),
    windowEnd: letter.windowEnd,
    deemedAt: letter.deemedAt,
    postal: letter.postal,
    status: view.status,
    // A fixed key order: stores return attributes in their own order.
    legalAid: letter.legalAid === null ? null : { requestedOn: letter.legalAid.requestedOn, decisionNotifiedOn: letter.legalAid.decisionNotifiedOn },
    alerts,
    evidence: letter.evidence.map((event) => ({
      at: event.at,
      event: event.event,
      ...(event.channel === undefined ? {} : { channel: event.channel }),
      ...(event.kind === undefined ? {} : { kind: event.kind }),
      ...(event.day === undefined ? {} : { day: event.day }),
      ...(event.date === undefined ? {} : { date: event.date }),
      ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
      hash: event.hash,
    })),
  };
}

/** Fields a fault must never change (docs/timelines.md: "never change a notification date or a deadline"). */
const DATE_FIELDS = ['notificationDate', 'notifiedBy', 'consultationDeadline', 'appealDeadline', 'legalAidDeadline'] as const;

/** Runs one valid timeline file. `path` names it in the result; the seed defaults to its base name. */
export async function runTimeline(path: string, file: TimelineFile, options: RunOptions): Promise<FileResult> {
  const seed = options.seed ?? basename(path);
  const plan = planTimeline(file);
  const faults = file.faults ?? [];
  const run = await replay(file, plan, faults, seed, options.store, options.evidenceDir === undefined ? undefined : { dir: options.evidenceDir, name: basename(path).replace(/\.(json|ya?ml)$/, '') });

  let passed = 0;
  const failures: Failure[] = [];
  file.applicants.forEach((applicant, index) => {
    const documents = new Map((run.applicants[index]?.documents ?? []).map((d) => [d.doc, actualValues(d)]));
    for (const expectation of applicant.expect ?? []) {
      const outcome = checkExpectation(applicant.id, expectation, documents.get(expectation.doc));
      passed += outcome.passed;
      failures.push(...outcome.failures);
    }
  });

  // R11: a retried or duplicated delivery never sends the same alert twice. R12: chains verify.
  for (const applicant of run.applicants) {
    for (const document of applicant.documents) {
      if (!document.chainValid) {
        failures.push({ applicant: applicant.id, doc: document.doc, field: 'evidence', expected: 'a valid hash chain', actual: 'the chain does not verify', note: 'R12' });
      }
      for (const alert of document.alerts) {
        if (alert.accepted > 1) {
          failures.push({
            applicant: applicant.id,
            doc: document.doc,
            field: alert.channel,
            expected: `alert ${alert.id} sent once`,
            actual: `sent ${alert.accepted} times`,
            note: 'an alert was sent twice',
          });
        }
      }
    }
  }

  if (faults.length > 0 && options.faultFreeCheck !== false) {
    const clean = await replay(file, plan, [], seed, options.store);
    run.applicants.forEach((applicant, index) => {
      const reference = new Map((clean.applicants[index]?.documents ?? []).map((d) => [d.doc, d]));
      for (const document of applicant.documents) {
        const without = reference.get(document.doc);
        if (without === undefined) continue;
        for (const field of DATE_FIELDS) {
          const expected: Checked = without[field];
          if (document[field] !== expected) {
            failures.push({ applicant: applicant.id, doc: document.doc, field, expected, actual: document[field], note: 'a fault changed it: expected is the value without faults' });
          }
        }
      }
    });
  }

  const undeliveredAlerts = run.applicants.flatMap((applicant) =>
    applicant.documents.flatMap((document) =>
      document.alerts.filter((alert) => alert.status !== 'delivered').map((alert) => ({ applicant: applicant.id, doc: document.doc, ...alert })),
    ),
  );

  return {
    file: path,
    name: file.name ?? basename(path),
    passed,
    failed: failures.length,
    applicants: run.applicants,
    failures,
    seed,
    rules: rulesOf(file),
    faults,
    start: new Date(plan.startMs).toISOString(),
    until: new Date(plan.untilMs).toISOString(),
    undeliveredAlerts,
    systemErrors: run.systemErrors,
    skippedEvents: plan.skipped,
    engine: run.engine,
    injected: run.injected,
  };
}

/** Runs valid files one after the other, each on a fresh store. */
export async function runTimelines(
  files: ReadonlyArray<{ readonly path: string; readonly file: TimelineFile }>,
  options: RunOptions,
): Promise<RunResult> {
  const results: FileResult[] = [];
  for (const { path, file } of files) results.push(await runTimeline(path, file, options));
  return {
    files: results,
    passed: results.reduce((sum, r) => sum + r.passed, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
  };
}
