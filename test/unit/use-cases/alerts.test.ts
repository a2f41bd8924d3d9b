import { describe, expect, it } from 'vitest';
import { StoreThrottledError } from '../../../shared/errors.ts';
import type { Letter } from '../../../shared/ports.ts';
import { deliverAlert } from '../../../shared/use-cases/deliver-alert.ts';
import { type DepositDeps, depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { handleTrigger } from '../../../shared/use-cases/handle-trigger.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { sendReminder } from '../../../shared/use-cases/send-reminder.ts';
import { setContact } from '../../../shared/use-cases/set-contact.ts';
import { AGDREF, aPdf, delegating, givenApplicant, makeDeps, runTriggersUntil } from '../../support/builders.ts';

const DAY_7 = '2023-04-27T10:00:00+02:00';

async function deposit(deps: DepositDeps, documentId = 'CONV-1', type = 'convocation') {
  await depositDocument(deps, { agdref: AGDREF, documentId, type, content: aPdf(documentId) });
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

    await sendReminder(deps, { letterId: 'CONV-1', day: 7 });

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

  it('R11: a reminder trigger so late that the window has ended sends nothing', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deposit(deps);
    deps.clock.set('2023-05-06T00:30:00+02:00');

    await sendReminder(deps, { letterId: 'CONV-1', day: 14 });

    expect(deps.notifier.accepted).toHaveLength(2);
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
    deps.clock.set('2023-04-27T10:01:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    await runTriggersUntil(deps, '2023-04-28T00:00:00+02:00');

    const smsReminder = (await alertsOf(deps)).find((a) => a.kind === 'reminder' && a.channel === 'sms');
    expect(smsReminder?.status).toBe('withdrawn');
    expect(deps.notifier.sent('sms').length).toBe(1); // the deposit alert only
  });

  it('R11: an SMS failing twice then accepted is sent exactly once, retried after 2 then 10 minutes', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 2);
    await deposit(deps);

    const retries = (await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00')).filter((t) => t.payload.kind === 'alertRetry');

    expect(retries.map((t) => t.at)).toEqual(['2023-04-20T08:02:00.000Z', '2023-04-20T08:12:00.000Z']);
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect(deps.notifier.attempts.filter((a) => a.message.channel === 'sms')).toHaveLength(3);
    const sms = (await alertsOf(deps)).find((a) => a.channel === 'sms');
    expect(sms).toMatchObject({ status: 'delivered', attempts: 3 });
    const evidence = (await deps.letters.get('CONV-1'))?.evidence ?? [];
    expect(evidence.filter((e) => e.event === 'alertSent' && e.channel === 'sms')).toHaveLength(1);
    expect(evidence.filter((e) => e.event === 'alertFailed')).toHaveLength(0);
  });

  it('R11: duplicated retry triggers never send the same alert twice', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    const alertId = (await alertsOf(deps)).find((a) => a.channel === 'sms')?.id ?? '';
    deps.clock.set('2023-04-20T10:02:00+02:00');

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

  it('R12: an attempt whose outcome was never recorded gets alertOutcomeUnknown before the resend', async () => {
    const { deps, recover } = storeLostAfter(1);
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    recover();

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    const evidence = (await deps.letters.get('CONV-1'))?.evidence ?? [];
    expect(evidence.map((e) => [e.event, e.channel, e.attempt])).toEqual([
      ['deposited', undefined, undefined],
      ['alertOutcomeUnknown', 'sms', 1],
      ['alertSent', 'sms', undefined],
    ]);
    // Two messages may have gone out (they did): the chain accounts for both.
    expect(deps.notifier.sent('sms')).toHaveLength(2);
    // Written with the second claim (the retry, 2 minutes later), before the second send.
    expect(evidence[1]?.at).toBe('2023-04-20T08:02:00.000Z');
  });

  it('R12: a reminder withdrawn after a lost attempt keeps alertOutcomeUnknown for it', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { email: null });
    await deposit(deps);
    deps.clock.set(DAY_7);
    const base = deps.letters;
    let calls = 0;
    const crashing = makeDeps({
      ...deps,
      letters: delegating(base, {
        update: async (next: Letter, expected: number) => {
          calls += 1;
          // Reminder registered and claimed; its outcome is lost.
          if (calls > 2) throw new StoreThrottledError();
          return base.update(next, expected);
        },
      }),
    });
    await sendReminder(crashing, { letterId: 'CONV-1', day: 7 }).catch(() => undefined);
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
    // The fifth and last attempt was claimed at 10:00 and its outcome lost; its claim expired at 12:00.
    const plain = makeDeps();
    await givenApplicant(plain, { email: null });
    await plain.letters.create({ ...letter, alerts: [{ ...sms, attempts: 5, status: 'sending', lastAttemptAt: '2023-04-20T08:00:00.000Z' }], version: 1 });
    plain.clock.set('2023-04-20T12:01:00+02:00');

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
