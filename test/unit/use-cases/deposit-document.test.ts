import { describe, expect, it } from 'vitest';
import { SchedulerThrottledError, StoreThrottledError } from '../../../shared/errors.ts';
import type { Letter } from '../../../shared/ports.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { AGDREF, OTHER_AGDREF, aPdf, delegating, deliverQueued, givenApplicant, makeDeps, runTriggersUntil, TEST_CONFIG } from '../../support/builders.ts';

const convocation = { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf('convocation') };

describe('depositDocument', () => {
  it('R1: makes the letter available now, with deposited evidence at that exact instant', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.clock.set('2023-04-20T10:17:23.456+02:00');

    const { created, document } = await depositDocument(deps, convocation);

    const letter = await deps.letters.get('CONV-1');
    expect(created).toBe(true);
    expect(document.availableAt).toBe('2023-04-20T08:17:23.456Z');
    expect(letter?.evidence[0]).toMatchObject({ event: 'deposited', at: '2023-04-20T08:17:23.456Z' });
  });

  it('R3: gives a notifiable letter its window and shows 16 days left on the day of availability', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    const { document } = await depositDocument(deps, convocation);

    expect(document).toMatchObject({ notifiable: true, consultationDeadline: '2023-05-05', daysLeft: 16, status: 'unread' });
    expect((await deps.letters.get('CONV-1'))?.windowEnd).toBe('2023-05-05T22:00:00.000Z');
  });

  it('R5/R11: creates one schedule, the day-7 reminder at 10:00 Paris; each reminder then schedules the next, the last one the deemed notification at the window end', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await depositDocument(deps, convocation);
    const atDeposit = deps.scheduler.pending().map((t) => [t.payload.kind, t.at]);
    const fired = await runTriggersUntil(deps, '2023-06-01T00:00:00+02:00');

    expect(atDeposit).toEqual([['remind', '2023-04-27T08:00:00.000Z']]);
    expect(fired.map((t) => [t.payload.kind, t.at])).toEqual([
      ['remind', '2023-04-27T08:00:00.000Z'],
      ['remind', '2023-05-04T08:00:00.000Z'],
      ['deem', '2023-05-05T22:00:00.000Z'],
    ]);
  });

  it('R5: with reminders off, the one schedule is the deemed notification', async () => {
    const deps = makeDeps({ config: { ...TEST_CONFIG, rules: { ...TEST_CONFIG.rules, reminderDays: [] } } });
    await givenApplicant(deps);

    await depositDocument(deps, convocation);

    expect(deps.scheduler.pending().map((t) => [t.payload.kind, t.at])).toEqual([['deem', '2023-05-05T22:00:00.000Z']]);
  });

  it('a throttled CreateSchedule does not fail the deposit: the creation is queued and retried with backoff until it exists', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.scheduler.failNext(3, () => new SchedulerThrottledError());

    const { created } = await depositDocument(deps, convocation);
    const queued = deps.alertQueue.pending().filter((m) => m.work.kind === 'schedule');
    await runTriggersUntil(deps, '2023-04-20T10:10:00+02:00');

    expect(created).toBe(true);
    expect(queued).toHaveLength(1);
    expect(deps.scheduler.pending().map((t) => [t.payload.kind, t.at])).toEqual([['remind', '2023-04-27T08:00:00.000Z']]);
    expect(deps.alertQueue.pending()).toEqual([]);
  });

  it('R2: gives a non-notifiable letter no window and no schedule, but still alerts (R11)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    const { document } = await depositDocument(deps, { ...convocation, type: 'sixMonths' });

    expect(document).toMatchObject({ notifiable: false, consultationDeadline: null, daysLeft: null, notificationDate: null });
    await deliverQueued(deps);
    expect(deps.scheduler.pending()).toEqual([]);
    expect(deps.notifier.accepted.map((m) => m.channel)).toEqual(['sms', 'email']);
  });

  it('R11: alerts every registered channel once, without the letter content, and records alertSent evidence', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { phone: '+33612345678', email: 'a@example.org' });

    await depositDocument(deps, convocation);
    await deliverQueued(deps);

    expect(deps.notifier.accepted.map((m) => [m.channel, m.to])).toEqual([
      ['sms', '+33612345678'],
      ['email', 'a@example.org'],
    ]);
    expect(deps.notifier.accepted.every((m) => m.text.includes('https://mailbox.example.org'))).toBe(true);
    const letter = await deps.letters.get('CONV-1');
    expect(letter?.evidence.map((e) => [e.event, e.channel, e.kind])).toEqual([
      ['deposited', undefined, undefined],
      ['alertSent', 'sms', 'deposit'],
      ['alertSent', 'email', 'deposit'],
    ]);
    expect(letter?.alerts.map((a) => a.status)).toEqual(['delivered', 'delivered']);
  });

  it('R11: alerts only the channels the applicant registered', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { phone: null, email: 'a@example.org' });

    await depositDocument(deps, convocation);
    await deliverQueued(deps);

    expect(deps.notifier.accepted.map((m) => m.channel)).toEqual(['email']);
  });

  it('R11: sends no alert and applies no 15-day rule to an applicant with a paper derogation', async () => {
    const deps = makeDeps();
    await givenApplicant(deps, { paperDerogation: true });

    const { document } = await depositDocument(deps, convocation);

    expect(deps.notifier.attempts).toEqual([]);
    expect(deps.scheduler.pending()).toEqual([]);
    expect(document).toMatchObject({ notifiable: false, consultationDeadline: null, notificationDate: null, daysLeft: null });
    expect((await deps.letters.get('CONV-1'))?.postal).toBe(true);
  });

  it('R7: refuses a decision without an outcome, naming the field', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(depositDocument(deps, { ...convocation, type: 'decision' })).rejects.toMatchObject({
      code: 'invalid_request',
      fields: { outcome: expect.any(String) },
    });
  });

  it('R7: refuses an outcome on a document that is not a decision', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(depositDocument(deps, { ...convocation, outcome: 'rejection' })).rejects.toMatchObject({
      fields: { outcome: expect.any(String) },
    });
  });

  it('R2: refuses an unknown document type, naming the field', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(depositDocument(deps, { ...convocation, type: 'postcard' })).rejects.toMatchObject({ fields: { type: expect.any(String) } });
  });

  it('refuses content that is not a PDF', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(depositDocument(deps, { ...convocation, content: new TextEncoder().encode('hello') })).rejects.toMatchObject({
      code: 'invalid_content',
    });
    expect(await deps.letters.get('CONV-1')).toBeNull();
  });

  it('answers not found for an unknown applicant', async () => {
    const deps = makeDeps();

    await expect(depositDocument(deps, convocation)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is idempotent: the same id and content again returns the same letter, created false, and no second alert', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    const first = await depositDocument(deps, convocation);
    await deliverQueued(deps);
    deps.clock.advance({ hours: 3 });

    const again = await depositDocument(deps, convocation);

    await deliverQueued(deps);
    expect(again.created).toBe(false);
    expect(again.document.availableAt).toBe(first.document.availableAt);
    expect(deps.notifier.accepted).toHaveLength(2);
    expect((await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'deposited')).toHaveLength(1);
  });

  it('refuses the same id with other content (conflicting_redeposit)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await depositDocument(deps, convocation);

    await expect(depositDocument(deps, { ...convocation, content: aPdf('something else') })).rejects.toMatchObject({
      code: 'conflicting_redeposit',
    });
  });

  it('refuses the same id for another applicant (conflicting_redeposit)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await givenApplicant(deps, { agdref: OTHER_AGDREF, ofpraFileNumber: null });
    await depositDocument(deps, convocation);

    await expect(depositDocument(deps, { ...convocation, agdref: OTHER_AGDREF })).rejects.toMatchObject({ code: 'conflicting_redeposit' });
  });

  it('is never half done: a repeat after the scheduler failed midway schedules everything and alerts exactly once', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    // The letter's first timer is scheduled after the letter exists, before its alerts are queued.
    // A refusal other than throttling (which goes to the alert queue), as the adapters raise it.
    const unavailable = new Error('Could not create the schedule remind.7.CONV-1.');
    deps.scheduler.failNext(1, () => unavailable);
    await expect(depositDocument(deps, convocation)).rejects.toBe(unavailable);
    expect(await deps.letters.get('CONV-1')).not.toBeNull();

    const again = await depositDocument(deps, convocation);
    await deliverQueued(deps);

    expect(again.created).toBe(false);
    expect(deps.scheduler.pending().map((t) => t.payload.kind)).toEqual(['remind']);
    expect(deps.notifier.accepted.map((m) => m.channel)).toEqual(['sms', 'email']);
  });

  it('R11: a store refusal while alerting leaves the message to come back; the alert is sent once', async () => {
    const base = makeDeps();
    let throttles = 1;
    const letters = delegating(base.letters, {
      update: async (next: Letter, expected: number) => {
        if (throttles > 0) {
          throttles -= 1;
          throw new StoreThrottledError();
        }
        return base.letters.update(next, expected);
      },
    });
    const deps = makeDeps({ ...base, letters });
    await givenApplicant(deps);

    const { created } = await depositDocument(deps, convocation);
    await runTriggersUntil(deps, '2023-04-20T10:05:00+02:00');
    await depositDocument(deps, convocation);

    expect(created).toBe(true);
    expect(deps.notifier.accepted.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect((await base.letters.get('CONV-1'))?.alerts.map((a) => a.status)).toEqual(['delivered', 'delivered']);
  });

  it('two concurrent deposits of the same document create one letter and one alert per channel', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    const results = await Promise.all([depositDocument(deps, convocation), depositDocument(deps, convocation)]);
    await deliverQueued(deps);

    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(deps.notifier.accepted.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
  });
});
