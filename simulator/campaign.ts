/**
 * Campaign mode (docs/timelines.md "Campaign mode"): an office batch against the providers' quotas.
 * The office deposits one convocation to each of N activated applicants (each with a phone and an
 * e-mail, languages mixed as in population mode), spread evenly over `over` minutes, through the
 * same use cases as every other run. The virtual providers accept at most R messages per second
 * per channel and the virtual scheduler R creations per second; beyond, they refuse as the real
 * ones do (throttled). The product's alert consumer is configured with the same rates (the stage
 * config mirrors the account's quotas). The run ends when every deposit alert is accepted or
 * finally failed and the alert queue is empty (throttled schedule creations must not be lost
 * either), at most 48 virtual hours after the first deposit.
 */
import { parisInstant } from '../shared/domain/calendar.ts';
import { DEFAULT_ALERT_RATES, DEFAULT_SCHEDULER_RATE } from '../shared/domain/alert-pacing.ts';
import { DEFAULT_RULES } from '../shared/domain/rules.ts';
import type { AlertChannel } from '../shared/domain/types.ts';
import type { OutgoingMessage } from '../shared/ports.ts';
import { Simulation, type PlannedApplicant, type PlannedEvent } from './engine.ts';
import { LANGUAGE_SHARES } from './population/index.ts';
import { rng } from './random.ts';
import type { StoreProvider } from './stores.ts';
import type { AcceptedMessage, NotifierObserver } from './virtual-notifier.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** docs/timelines.md: the run ends at the latest 48 virtual hours after the first deposit. */
const MAX_RUN_MS = 48 * HOUR_MS;
/** How often the run checks whether every deposit alert is final. */
const CHECK_EVERY_MS = MINUTE_MS;
const EVENTS_PER_APPLICANT = 3;

export interface CampaignOptions {
  readonly letters: number;
  /** Minutes over which the deposits are spread (default 10). */
  readonly overMinutes?: number;
  readonly smsRate?: number;
  readonly emailRate?: number;
  readonly schedulerRate?: number;
  readonly seed?: string;
  /** The campaign's day (Paris), default a Monday; the first deposit is at 09:00 Paris. */
  readonly start?: string;
  readonly store: StoreProvider;
}

export interface ChannelFigures {
  /** Deposit alerts the provider accepted (each counted once). */
  readonly accepted: number;
  /** Deposit alerts accepted more than once. */
  readonly duplicated: number;
  /** Deposit alerts never accepted by the end of the run. */
  readonly lost: number;
  /** Sends the provider refused for the quota. */
  readonly throttled: number;
  /** Seconds from the first deposit to the last acceptance (null: none accepted). */
  readonly lastAcceptedAfterSeconds: number | null;
}

export interface CampaignReport {
  readonly campaign: {
    readonly letters: number;
    readonly overMinutes: number;
    readonly rates: { readonly sms: number; readonly email: number; readonly scheduler: number };
    readonly sms: ChannelFigures;
    readonly email: ChannelFigures;
    /** CreateSchedule calls refused for the quota, and schedules created in the end (one per letter: its first timer). */
    readonly scheduler: { readonly throttled: number; readonly created: number };
    readonly lowerBoundSeconds: { readonly sms: number; readonly email: number };
    /** lastAcceptedAfterSeconds / lowerBoundSeconds per channel (the goal: ≤ 1.1). */
    readonly ratioToBound: { readonly sms: number | null; readonly email: number | null };
  };
  /** What a deposit cost the providers, on average over the campaign. */
  readonly perDeposit: {
    /** CreateSchedule calls made (accepted ones, repeats of an existing name included). */
    readonly createScheduleCalls: number;
    /** Provider send calls (accepted and throttled), per channel. */
    readonly smsCalls: number;
    readonly emailCalls: number;
  };
  readonly deposits: { readonly done: number; readonly refused: number };
  readonly seed: string;
  readonly firstDepositAt: string;
  readonly endedAfterSeconds: number;
  readonly queue: { readonly messages: number; readonly throttled: number };
  readonly systemErrors: number;
  readonly runSeconds: number;
}

/** Counts acceptances of deposit alerts by id, and the providers' throttling. */
class CampaignLog implements NotifierObserver {
  readonly acceptedById = new Map<string, number>();
  readonly lastAcceptedMs: Record<AlertChannel, number | null> = { sms: null, email: null };
  readonly throttledSends: Record<AlertChannel, number> = { sms: 0, email: 0 };
  readonly accepts: Record<AlertChannel, number> = { sms: 0, email: 0 };

  accepted({ message, at }: AcceptedMessage): void {
    this.accepts[message.channel] += 1;
    const previous = this.acceptedById.get(message.id) ?? 0;
    this.acceptedById.set(message.id, previous + 1);
    const ms = Date.parse(at);
    this.lastAcceptedMs[message.channel] = Math.max(this.lastAcceptedMs[message.channel] ?? ms, ms);
  }

  throttled(message: OutgoingMessage): void {
    this.throttledSends[message.channel] += 1;
  }
}

/** Applicant `index` of the campaign: registered and activated the hour before, with both contacts. */
function campaignApplicant(seed: string, index: number, firstDepositMs: number, spacingMs: number): PlannedApplicant {
  const agdref = String(1_000_000_000 + index).padStart(10, '0');
  const language = rng(seed, `campaign.${index}`).pick(LANGUAGE_SHARES);
  const tie = index * EVENTS_PER_APPLICANT;
  const events: PlannedEvent[] = [
    { ms: firstDepositMs - HOUR_MS, tie, action: { do: 'register' }, sourceIndex: 0 },
    { ms: firstDepositMs - 30 * MINUTE_MS, tie: tie + 1, action: { do: 'activate' }, sourceIndex: 1 },
    {
      ms: firstDepositMs + Math.floor(index * spacingMs),
      tie: tie + 2,
      action: { do: 'deposit', doc: 'conv', documentId: `C${agdref}`, type: 'convocation', outcome: null },
      sourceIndex: 2,
    },
  ];
  return {
    id: `C${index}`,
    agdref,
    ofpraFileNumber: String(300_000_000 + index),
    language,
    phone: `06${String(10_000_000 + (index % 90_000_000)).padStart(8, '0')}`,
    email: `campaign${index}@example.org`,
    events,
  };
}

function figures(log: CampaignLog, channel: AlertChannel, letters: number, firstDepositMs: number): ChannelFigures {
  let accepted = 0;
  let duplicated = 0;
  for (const [id, count] of log.acceptedById) {
    if (!id.endsWith(`.deposit.0.${channel}`)) continue;
    accepted += 1;
    if (count > 1) duplicated += 1;
  }
  const last = log.lastAcceptedMs[channel];
  return {
    accepted,
    duplicated,
    lost: letters - accepted,
    throttled: log.throttledSends[channel],
    lastAcceptedAfterSeconds: last === null ? null : (last - firstDepositMs) / 1000,
  };
}

/** Runs a campaign; the figures docs/timelines.md asks for, plus what each deposit cost. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const startedAt = performance.now();
  const letters = options.letters;
  const overMinutes = options.overMinutes ?? 10;
  const rates = {
    sms: options.smsRate ?? DEFAULT_ALERT_RATES.sms,
    email: options.emailRate ?? DEFAULT_ALERT_RATES.email,
    scheduler: options.schedulerRate ?? DEFAULT_SCHEDULER_RATE,
  };
  const seed = options.seed ?? 'campaign';
  const firstDepositMs = Date.parse(parisInstant(options.start ?? '2023-03-06', '09:00'));
  const spacingMs = (overMinutes * MINUTE_MS) / Math.max(letters, 1);
  const log = new CampaignLog();
  let refused = 0;
  let done = 0;

  const handle = await options.store.open();
  try {
    const simulation = new Simulation({
      startMs: firstDepositMs - 2 * HOUR_MS,
      rules: DEFAULT_RULES,
      faults: [],
      seed,
      repositories: handle,
      notifierObserver: log,
      quotas: rates,
      pace: rates,
      observer: {
        done: (_applicant, event) => {
          if (event.action.do === 'deposit') done += 1;
        },
        refused: (_applicant, event) => {
          if (event.action.do === 'deposit') refused += 1;
        },
      },
    });
    for (let index = 0; index < letters; index += 1) simulation.add([campaignApplicant(seed, index, firstDepositMs, spacingMs)]);

    const lastDepositMs = firstDepositMs + Math.floor((letters - 1) * spacingMs);
    await simulation.runUntil(lastDepositMs);
    let nowMs = lastDepositMs;
    // Every deposit alert final, and nothing left in the alert queue (schedule creations the
    // scheduler throttled included: none may be lost either), or 48 virtual hours.
    while (simulation.queuedWork > 0 && nowMs < firstDepositMs + MAX_RUN_MS) {
      nowMs = Math.min(nowMs + CHECK_EVERY_MS, firstDepositMs + MAX_RUN_MS);
      await simulation.runUntil(nowMs);
    }

    const sms = figures(log, 'sms', letters, firstDepositMs);
    const email = figures(log, 'email', letters, firstDepositMs);
    const lowerBoundSeconds = { sms: Math.max(overMinutes * 60, letters / rates.sms), email: Math.max(overMinutes * 60, letters / rates.email) };
    const ratio = (f: ChannelFigures, bound: number): number | null => (f.lastAcceptedAfterSeconds === null ? null : f.lastAcceptedAfterSeconds / bound);
    const perLetter = (n: number): number => (letters === 0 ? 0 : n / letters);
    return {
      campaign: {
        letters,
        overMinutes,
        rates,
        sms,
        email,
        scheduler: { throttled: simulation.scheduler.throttled, created: simulation.scheduler.created },
        lowerBoundSeconds,
        ratioToBound: { sms: ratio(sms, lowerBoundSeconds.sms), email: ratio(email, lowerBoundSeconds.email) },
      },
      perDeposit: {
        createScheduleCalls: perLetter(simulation.scheduler.calls + simulation.scheduler.throttled),
        smsCalls: perLetter(log.accepts.sms + log.throttledSends.sms),
        emailCalls: perLetter(log.accepts.email + log.throttledSends.email),
      },
      deposits: { done, refused },
      seed,
      firstDepositAt: new Date(firstDepositMs).toISOString(),
      endedAfterSeconds: (simulation.clock.nowMs() - firstDepositMs) / 1000,
      queue: { messages: simulation.counters.queueMessages, throttled: simulation.counters.queueThrottled },
      systemErrors: simulation.counters.systemErrors,
      runSeconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await handle.close();
  }
}

/** The closing lines printed by the CLI. */
export function summarizeCampaign(report: CampaignReport): string[] {
  const c = report.campaign;
  const line = (name: string, f: ChannelFigures, bound: number, ratio: number | null): string =>
    `${name}: ${f.accepted} accepted, ${f.lost} lost, ${f.duplicated} duplicated, ${f.throttled} throttled; last accepted after ${f.lastAcceptedAfterSeconds?.toFixed(1) ?? '—'} s (bound ${bound.toFixed(1)} s, ×${ratio?.toFixed(3) ?? '—'})`;
  return [
    `campaign: ${c.letters} letters over ${c.overMinutes} min; quotas SMS ${c.rates.sms}/s, e-mail ${c.rates.email}/s, scheduler ${c.rates.scheduler}/s`,
    line('SMS', c.sms, c.lowerBoundSeconds.sms, c.ratioToBound.sms),
    line('e-mail', c.email, c.lowerBoundSeconds.email, c.ratioToBound.email),
    `scheduler: ${c.scheduler.throttled} throttled, ${c.scheduler.created} schedules created; per deposit: ${report.perDeposit.createScheduleCalls.toFixed(2)} CreateSchedule calls, ${report.perDeposit.smsCalls.toFixed(2)} SMS and ${report.perDeposit.emailCalls.toFixed(2)} e-mail provider calls`,
    `deposits: ${report.deposits.done} done, ${report.deposits.refused} refused; system errors: ${report.systemErrors}; simulated in ${report.runSeconds.toFixed(1)} s`,
  ];
}
