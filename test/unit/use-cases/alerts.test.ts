import { describe, expect, it } from 'vitest';
import { StoreThrottledError } from '../../../shared/errors.ts';
import type { Deps, Letter } from '../../../shared/ports.ts';
import { retryDelayMs } from '../../../shared/domain/alert-pacing.ts';
import { deliverAlert } from '../../../shared/use-cases/deliver-alert.ts';
import { type DepositDeps, depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { handleTrigger } from '../../../shared/use-cases/handle-trigger.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { sendReminder } from '../../../shared/use-cases/send-reminder.ts';
import { setContact } from '../../../shared/use-cases/set-contact.ts';
import { AGDREF, aPdf, delegating, deliverQueued, givenApplicant, makeDeps, runTriggersUntil, type TestDeps } from '../../support/builders.ts';

const DAY_7 = '2023-04-27T10:00:00+02:00';

/** Deposits, then lets the alert queue's consumer handle what the deposit queued for now. */
async function deposit(deps: Deps & Pick<TestDeps, 'clock' | 'scheduler'>, documentId = 'CONV-1', type = 'convocation') {
  await depositDocument(deps, { agdref: AGDREF, documentId, type, content: aPdf(documentId) });
  await deliverQueued(deps);
}

async function alertsOf(deps: Pick<DepositDeps, 'letters'>, letterId = 'CONV-1') {
  return (await deps.letters.get(letterId))?.alerts ?? [];
}

describe('sendReminder', () => {
  it('R11: reminds an unread letter on days 7 and 14 at 10:00 Paris, on every channel', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);

    await runTriggersUntil(deps, '2023-05-10T00:00:00+02:00');

    const reminders = (await alertsOf(deps)).filter((a) => a.kind === 'reminder');
    expect(reminders.map((a) => [a.day, a.channel, a.status, a.lastAttemptAt])).toEqual([
      [7, 'sms', 'delivered', '2023-04-27T08:00:00.000Z'],
      [7, 'email', 'delivered', '2023-04-27T08:00:00.000Z'],
      [14, 'sms', 'delivered', '2023-05-04T08:00:00.000Z'],
      [14, 'email', 'delivered', '2023-05-04T08:00:00.000Z'],
    ]);
    expect(deps.notifier.accepted).toHaveLength(6);
    expect((await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'alertSent' && e.kind === 'reminder').map((e) => e.day)).toEqual([
      7, 7, 14, 14,
    ]);
  });

  it('R11: a duplicated reminder trigger sends nothing twice', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    deps.clock.set(DAY_7);
    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });
    await deliverQueued(deps);

    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });
    await deliverQueued(deps);

    expect(deps.notifier.accepted).toHaveLength(4);
  });

  it('R11: sends nothing for a letter already read', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    deps.clock.set('2023-04-26T10:00:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });
    deps.clock.set(DAY_7);

    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });

    expect((await alertsOf(deps)).filter((a) => a.kind === 'reminder')).toEqual([]);
  });

  it('R11/R5: a reminder trigger so late that the window has ended sends nothing; its next link, the deem trigger already due, runs at once as in the cloud', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    deps.clock.set('2023-05-06T00:30:00+02:00');

    await sendReminder(deps, { letterId: 'CONV-1', day: 14 });

    expect(deps.notifier.accepted).toHaveLength(2);
    // EventBridgeScheduler cannot create a schedule in the past: it ran the deem trigger inside schedule().
    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBe('2023-05-05T22:00:00.000Z');
    // Only the deposit's first link is left (this test calls the day-14 reminder directly); no deem trigger waits.
    expect(deps.scheduler.pending().map((trigger) => trigger.name)).toEqual(['remind.7.CONV-1']);
  });

  it('R11: a reminder trigger that fires early sends nothing', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    deps.clock.set('2023-04-27T09:59:00+02:00');

    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });

    expect(deps.notifier.accepted).toHaveLength(2);
  });

  it('R11: reaches a contact registered after the deposit', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { phone: null, email: null });
    await deposit(deps);
    await setContact(deps, { agdref: AGDREF, phone: '0698765432' });
    deps.clock.set(DAY_7);

    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });
    await deliverQueued(deps);

    expect(deps.notifier.accepted.map((m) => [m.channel, m.to])).toEqual([['sms', '+33698765432']]);
  });

  it('R11: sends no reminder at all with the variant reminderDays []', async () => {
    const deps = makeDeps({ config: { publicUrl: 'https://mailbox.example.org', rules: { deemedNotificationDate: 'availability', legalAidHolidayExtension: false, reminderDays: [] } } });
    await givenApplicant(deps);
    await deposit(deps);

    await runTriggersUntil(deps, '2023-05-10T00:00:00+02:00');

    expect(deps.notifier.accepted).toHaveLength(2);
    expect((await deps.letters.get('CONV-1'))?.nextReminderAt).toBeNull();
  });
});

describe('deliverAlert', () => {
  it('R11: withdraws a reminder whose SMS is being retried once the letter is read', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    await runTriggersUntil(deps, '2023-04-26T00:00:00+02:00');
    deps.notifier.failNext('sms', 1);
    deps.clock.set(DAY_7);
    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });
    await deliverQueued(deps);
    deps.clock.set('2023-04-27T10:01:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    await runTriggersUntil(deps, '2023-04-28T00:00:00+02:00');

    const smsReminder = (await alertsOf(deps)).find((a) => a.kind === 'reminder' && a.channel === 'sms');
    expect(smsReminder?.status).toBe('withdrawn');
    expect(deps.notifier.sent('sms').length).toBe(1); // the deposit alert only
  });

  it('R11: an SMS failing twice then accepted is sent exactly once, retried after 2 then 10 minutes plus jitter', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 2);
    await deposit(deps);
    const alertId = (await alertsOf(deps)).find((a) => a.channel === 'sms')?.id ?? '';

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    const [first, second] = [retryDelayMs(alertId, 1), retryDelayMs(alertId, 2)];
    expect(first).toBeGreaterThanOrEqual(2 * 60_000);
    expect(first).toBeLessThanOrEqual(2.5 * 60_000);
    expect(second).toBeGreaterThanOrEqual(10 * 60_000);
    expect(second).toBeLessThanOrEqual(12.5 * 60_000);
    const lastAttemptAt = (await alertsOf(deps)).find((a) => a.channel === 'sms')?.lastAttemptAt ?? '';
    expect(Date.parse(lastAttemptAt)).toBe(Date.parse('2023-04-20T10:00:00+02:00') + first + second);
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect(deps.notifier.attempts.filter((a) => a.message.channel === 'sms')).toHaveLength(3);
    const sms = (await alertsOf(deps)).find((a) => a.channel === 'sms');
    expect(sms).toMatchObject({ status: 'delivered', attempts: 3 });
    const evidence = (await deps.letters.get('CONV-1'))?.evidence ?? [];
    expect(evidence.filter((e) => e.event === 'alertSent' && e.channel === 'sms')).toHaveLength(1);
    expect(evidence.filter((e) => e.event === 'alertFailed')).toHaveLength(0);
  });

  /** A deposit whose SMS the provider refuses for rate `refusals` times in a row, run until `until`. */
  async function throttledDeposit(refusals: number, until: string) {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', refusals, 'throttled');
    await deposit(deps);
    await runTriggersUntil(deps, until);
    return deps;
  }

  it('R11: a throttled send is not an attempt: thirty refusals for rate in a row, then the alert is sent once, with one attempt counted', async () => {
    const deps = await throttledDeposit(30, '2023-04-20T11:00:00+02:00');

    expect(deps.notifier.attempts.filter((a) => a.message.channel === 'sms')).toHaveLength(31);
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect((await alertsOf(deps)).find((a) => a.channel === 'sms')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'alertFailed')).toEqual([]);
  });

  it('R11: a throttled send comes back within seconds, with growing jittered backoff, not after the 2-minute retry delay', async () => {
    const deps = await throttledDeposit(3, '2023-04-20T10:00:30+02:00');

    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect((await alertsOf(deps)).find((a) => a.channel === 'sms')?.lastAttemptAt).not.toBe('2023-04-20T08:00:00.000Z');
  });

  it('R11: duplicated retry triggers never send the same alert twice', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    const alertId = (await alertsOf(deps)).find((a) => a.channel === 'sms')?.id ?? '';
    deps.clock.set('2023-04-20T10:03:00+02:00');

    await Promise.all([
      handleTrigger(deps, { kind: 'alertRetry', letterId: 'CONV-1', alertId }),
      handleTrigger(deps, { kind: 'alertRetry', letterId: 'CONV-1', alertId }),
    ]);
    await handleTrigger(deps, { kind: 'alertRetry', letterId: 'CONV-1', alertId });

    expect(deps.notifier.sent('sms')).toHaveLength(1);
  });

  it('R11: a retry trigger that fires before its time sends nothing yet', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    const alertId = (await alertsOf(deps)).find((a) => a.channel === 'sms')?.id ?? '';
    deps.clock.set('2023-04-20T10:01:00+02:00');

    await deliverAlert(deps, { letterId: 'CONV-1', alertId });

    expect(deps.notifier.sent('sms')).toHaveLength(0);
  });

  it('R11/R12: a permanent failure is recorded as alertFailed, never silently, and not retried', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1, 'permanentFailure');
    await deposit(deps);

    await runTriggersUntil(deps, '2023-04-21T10:00:00+02:00');

    const sms = (await alertsOf(deps)).find((a) => a.channel === 'sms');
    expect(sms).toMatchObject({ status: 'permanentFailure', attempts: 1 });
    const failed = (await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'alertFailed');
    expect(failed?.map((e) => [e.channel, e.kind])).toEqual([['sms', 'deposit']]);
  });

  it('R11/R12: after five temporary failures the alert is recorded as failed', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 10);
    await deposit(deps);

    await runTriggersUntil(deps, '2023-04-21T10:00:00+02:00');

    expect(deps.notifier.attempts.filter((a) => a.message.channel === 'sms')).toHaveLength(5);
    expect((await alertsOf(deps)).find((a) => a.channel === 'sms')).toMatchObject({ status: 'permanentFailure', attempts: 5 });
    expect((await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'alertFailed')).toHaveLength(1);
  });

  it('R11/R12: an alert whose contact was removed before its retry is recorded as failed', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    await setContact(deps, { agdref: AGDREF, phone: null });

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    expect((await alertsOf(deps)).find((a) => a.channel === 'sms')).toMatchObject({ status: 'permanentFailure' });
    expect(deps.notifier.sent('sms')).toHaveLength(0);
  });

  /** Deps whose store refuses every letter write after the first `allowed` ones until `recover()`: a crash right after the provider call. */
  function storeLostAfter(allowed: number) {
    const base = makeDeps();
    let calls = 0;
    let down = true;
    const letters = delegating(base.letters, {
      update: async (next: Letter, expected: number) => {
        calls += 1;
        if (calls > allowed && down) throw new StoreThrottledError();
        return base.letters.update(next, expected);
      },
    });
    return { deps: makeDeps({ ...base, letters }), recover: () => (down = false) };
  }

  it('R11: when the acceptance could not be recorded, the retry resends under the same message id (provider de-duplication)', async () => {
    // The claim (write 1) succeeds; then the store throttles until it recovers.
    const { deps, recover } = storeLostAfter(1);
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    recover();

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    const ids = deps.notifier.sent('sms').map((m) => m.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect((await alertsOf(deps)).find((a) => a.channel === 'sms')).toMatchObject({ status: 'delivered' });
  });

  it.each([
    ['R12: an attempt whose outcome was never recorded gets alertOutcomeUnknown before the resend', 0],
    // The resend's first try is refused for rate (no attempt): the queue brings it back a second or so later.
    ['R12: a lost attempt is reported once even when the resend after it is first throttled', 1],
  ])('%s', async (_name, throttled) => {
    const { deps, recover } = storeLostAfter(1);
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    recover();
    if (throttled > 0) deps.notifier.failNext('sms', throttled, 'throttled');

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    const evidence = (await deps.letters.get('CONV-1'))?.evidence ?? [];
    expect(evidence.map((e) => [e.event, e.channel, e.attempt])).toEqual([
      ['deposited', undefined, undefined],
      ['alertOutcomeUnknown', 'sms', 1],
      ['alertSent', 'sms', undefined],
    ]);
    // Two messages may have gone out (they did; a throttled try sends nothing): the chain accounts for both.
    expect(deps.notifier.sent('sms')).toHaveLength(2);
    expect((await alertsOf(deps)).find((alert) => alert.channel === 'sms')).toMatchObject({ status: 'delivered', attempts: 2 });
    // Written with the second claim (the retry, 2 minutes plus its jitter later), before the second send.
    expect(evidence[1]?.at).toBe(new Date(Date.parse('2023-04-20T08:00:00.000Z') + retryDelayMs('CONV-1.deposit.0.sms', 1)).toISOString());
  });

  it('R12: a reminder withdrawn after a lost attempt keeps alertOutcomeUnknown for it', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    deps.clock.set(DAY_7);
    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });
    const base = deps.letters;
    let calls = 0;
    const crashing = makeDeps({
      ...deps,
      letters: delegating(base, {
        update: async (next: Letter, expected: number) => {
          calls += 1;
          // The queue's consumer claims the reminder and sends it; its outcome is lost.
          if (calls > 1) throw new StoreThrottledError();
          return base.update(next, expected);
        },
      }),
    });
    await deliverQueued(crashing);
    deps.clock.set('2023-04-27T10:01:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    await runTriggersUntil(deps, '2023-04-27T12:00:00+02:00');

    const reminderSms = deps.notifier.sent('sms').filter((m) => m.id.includes('reminder'));
    const evidence = (await deps.letters.get('CONV-1'))?.evidence ?? [];
    expect(reminderSms).toHaveLength(1);
    expect(evidence.filter((e) => e.kind === 'reminder').map((e) => [e.event, e.day, e.attempt])).toEqual([['alertOutcomeUnknown', 7, 1]]);
    expect((await alertsOf(deps)).find((a) => a.kind === 'reminder')?.status).toBe('withdrawn');
  });

  it('R12: an alert whose last attempt was lost is recorded unknown, then failed, when its retries are exhausted', async () => {
    const { deps } = storeLostAfter(1);
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    const letter = await deps.letters.get('CONV-1');
    const sms = letter?.alerts.find((a) => a.channel === 'sms');
    if (letter === null || sms === undefined) throw new Error('no alert');
    // The fifth and last attempt was claimed at 10:00 and its outcome lost; its claim expired by 12:30 (2 hours plus at most 25 %).
    const plain = makeDeps();
    await givenApplicant(plain, { email: null });
    await plain.letters.create({ ...letter, alerts: [{ ...sms, attempts: 5, status: 'sending', lastAttemptAt: '2023-04-20T08:00:00.000Z' }], version: 1 });
    plain.clock.set('2023-04-20T12:31:00+02:00');

    await deliverAlert(plain, { letterId: 'CONV-1', alertId: sms.id });

    const evidence = (await plain.letters.get('CONV-1'))?.evidence ?? [];
    expect(evidence.map((e) => [e.event, e.attempt])).toEqual([
      ['deposited', undefined],
      ['alertOutcomeUnknown', 5],
      ['alertFailed', undefined],
    ]);
    expect(plain.notifier.attempts).toHaveLength(0);
  });

  it('R11: keeps the alert cursor on the deposit alerts until they are final, then moves it to the first reminder', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    const retrying = (await deps.letters.get('CONV-1'))?.nextReminderAt;

    await runTriggersUntil(deps, '2023-04-20T10:05:00+02:00');

    expect(retrying).toBe('2023-04-20T08:00:00.000Z');
    expect((await deps.letters.get('CONV-1'))?.nextReminderAt).toBe('2023-04-27T08:00:00.000Z');
  });

  it('answers not found for an unknown letter; a retry trigger for it is dropped', async () => {
    const deps = makeDeps();

    await expect(deliverAlert(deps, { letterId: 'NOPE', alertId: 'NOPE.deposit.0.sms' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(sendReminder(deps, { letterId: 'NOPE', day: 7 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(handleTrigger(deps, { kind: 'alertRetry', letterId: 'NOPE', alertId: 'x' })).resolves.toBeUndefined();
    await expect(handleTrigger(deps, { kind: 'remind', letterId: 'NOPE', day: 7 })).resolves.toBeUndefined();
  });
});
