import { describe, expect, it } from 'vitest';
import { StoreThrottledError } from '../../../shared/errors.ts';
import type { Letter } from '../../../shared/ports.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { getDocument } from '../../../shared/use-cases/get-document.ts';
import { sendReminder } from '../../../shared/use-cases/send-reminder.ts';
import { sweep } from '../../../shared/use-cases/sweep.ts';
import { AGDREF, aPdf, delegating, deliverQueued, givenApplicant, makeDeps, runTriggersUntil, type TestDeps } from '../../support/builders.ts';

async function depositedConvocations(...ids: string[]) {
  const deps = makeDeps();
  await givenApplicant(deps);
  for (const documentId of ids) {
    await depositDocument(deps, { agdref: AGDREF, documentId, type: 'convocation', content: aPdf(documentId) });
  }
  await deliverQueued(deps);
  return deps;
}

/** Every queued message lost (the queue's own failure, or messages dropped): only the sweep is left. */
function loseQueuedMessages(deps: TestDeps): void {
  deps.alertQueue.due('2099-12-31T00:00:00Z');
}

describe('sweep', () => {
  it('R5: deems every letter whose window ended, counting those overdue past the grace period as repaired', async () => {
    const deps = await depositedConvocations('A', 'B');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-05-06T00:10:00+02:00'); // 10 minutes after the window end: within the grace period

    const result = await sweep(deps);

    expect(result).toEqual({ deemed: 2, reminders: 0, alerts: 0, repaired: 0, failed: 0, overdueBacklog: 0 });
  });

  it('R5: counts a deemed transition as repaired when it is more than 15 minutes overdue', async () => {
    const deps = await depositedConvocations('A');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-05-06T00:16:00+02:00');

    expect(await sweep(deps)).toMatchObject({ deemed: 1, repaired: 1 });
  });

  it('is idempotent: a second run, or a run after the triggers did their work, changes nothing', async () => {
    const deps = await depositedConvocations('A');
    await runTriggersUntil(deps, '2023-05-07T00:00:00+02:00');
    const before = await deps.letters.get('A');

    const first = await sweep(deps);
    const second = await sweep(deps);

    expect(first).toEqual({ deemed: 0, reminders: 0, alerts: 0, repaired: 0, failed: 0, overdueBacklog: 0 });
    expect(second).toEqual(first);
    expect(await deps.letters.get('A')).toEqual(before);
  });

  it('R11: sends a reminder whose trigger was lost, once', async () => {
    const deps = await depositedConvocations('A');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-04-27T12:00:00+02:00');

    const result = await sweep(deps);
    const again = await sweep(deps);
    await deliverQueued(deps);

    expect(result).toEqual({ deemed: 0, reminders: 1, alerts: 0, repaired: 1, failed: 0, overdueBacklog: 0 });
    expect(again.reminders).toBe(0);
    expect(deps.notifier.accepted).toHaveLength(4);
  });

  it('R11: sends only the latest missed reminder, not a batch of stale ones', async () => {
    const deps = await depositedConvocations('A');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-05-04T12:00:00+02:00');

    const result = await sweep(deps);
    await deliverQueued(deps);

    expect(result.reminders).toBe(1);
    const reminders = (await deps.letters.get('A'))?.alerts.filter((a) => a.kind === 'reminder');
    expect(reminders?.map((a) => a.day)).toEqual([14, 14]);
    expect((await deps.letters.get('A'))?.nextReminderAt).toBeNull();
  });

  it('R5: with every schedule lost, the sweep alone gives the same dates as the triggers', async () => {
    const withTriggers = await depositedConvocations('A');
    await runTriggersUntil(withTriggers, '2023-05-10T00:00:00+02:00');
    const swept = await depositedConvocations('A');
    swept.scheduler.due('2023-12-31T00:00:00Z');
    for (const day of ['2023-04-28', '2023-05-05', '2023-05-07']) {
      swept.clock.set(`${day}T03:00:00+02:00`);
      await sweep(swept);
    }
    swept.clock.set('2023-05-10T00:00:00+02:00');

    const expected = await getDocument(withTriggers, { agdref: AGDREF, documentId: 'A' });
    const actual = await getDocument(swept, { agdref: AGDREF, documentId: 'A' });

    expect(actual).toEqual(expected);
    expect((await swept.letters.get('A'))?.deemedAt).toBe((await withTriggers.letters.get('A'))?.deemedAt);
  });

  it('counts a letter it could not process and still processes the others', async () => {
    const base = await depositedConvocations('A', 'B');
    base.scheduler.due('2023-12-31T00:00:00Z');
    base.clock.set('2023-05-07T00:00:00+02:00');
    const letters = delegating(base.letters, {
      update: async (next: Letter, expected: number) => {
        if (next.id === 'A') throw new StoreThrottledError();
        return base.letters.update(next, expected);
      },
    });

    const result = await sweep({ ...base, letters });

    expect(result).toMatchObject({ deemed: 1, failed: 1 });
    expect((await base.letters.get('B'))?.deemedAt).not.toBeNull();
  });

  it('pages through more letters than one page holds', async () => {
    const deps = await depositedConvocations('A', 'B', 'C', 'D', 'E');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-05-07T00:00:00+02:00');

    expect(await sweep(deps, { limit: 2 })).toMatchObject({ deemed: 5 });
  });

  it('R11: with every schedule and queue message lost, an SMS failing twice is queued again by the nightly sweeps and accepted exactly once', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 2);
    await depositDocument(deps, { agdref: AGDREF, documentId: 'A', type: 'convocation', content: aPdf('A') });
    await deliverQueued(deps);
    deps.scheduler.due('2023-12-31T00:00:00Z');
    loseQueuedMessages(deps);
    const runs = [];

    for (const night of ['2023-04-21', '2023-04-22', '2023-04-23']) {
      deps.clock.set(`${night}T03:00:00+02:00`);
      runs.push(await sweep(deps));
      await deliverQueued(deps);
      loseQueuedMessages(deps);
    }

    expect(runs.map((r) => r.alerts)).toEqual([1, 1, 0]);
    expect(deps.notifier.sent('sms')).toHaveLength(1);
    expect((await deps.letters.get('A'))?.nextReminderAt).toBe('2023-04-27T08:00:00.000Z');
  });

  it('R11: finishes the alerts of a reminder whose queue messages and triggers were lost', async () => {
    const deps = await depositedConvocations('A');
    deps.scheduler.due('2023-12-31T00:00:00Z');
    deps.clock.set('2023-04-27T10:00:00+02:00');
    await sendReminder(deps, { letterId: 'A', day: 7 });
    deps.scheduler.due('2023-12-31T00:00:00Z');
    loseQueuedMessages(deps);
    deps.clock.set('2023-04-28T03:00:00+02:00');

    const result = await sweep(deps);
    await deliverQueued(deps);

    expect(result).toMatchObject({ reminders: 0, alerts: 2, repaired: 2 });
    expect((await deps.letters.get('A'))?.alerts.filter((a) => a.kind === 'reminder').map((a) => a.status)).toEqual(['delivered', 'delivered']);
    expect((await deps.letters.get('A'))?.nextReminderAt).toBe('2023-05-04T08:00:00.000Z');
  });
});
