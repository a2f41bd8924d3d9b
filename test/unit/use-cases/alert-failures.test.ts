/**
 * R11/R12 and issue "cloud rehearsal" item 7: an alert that becomes finally failed is signalled
 * (the AlertsFailed metric in the cloud) exactly once, at the moment its failure is written,
 * whichever path writes it — the queued first attempt of a deposit, a retry, or the sweep's redrive
 * — and however often messages repeat; the provider's reason is kept on the alert.
 */
import { describe, expect, it } from 'vitest';
import type { Signals } from '../../../shared/ports.ts';
import { nextAttemptDueAt } from '../../../shared/domain/alert-delivery.ts';
import { deliverAlert, FAILURE_REASONS } from '../../../shared/use-cases/deliver-alert.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { sweep } from '../../../shared/use-cases/sweep.ts';
import { setContact } from '../../../shared/use-cases/set-contact.ts';
import { AGDREF, aPdf, deliverQueued, givenApplicant, makeDeps, runTriggersUntil } from '../../support/builders.ts';

type Raised = Parameters<Signals['alertFailed']>[0];

function recordingDeps() {
  const raised: Raised[] = [];
  const deps = makeDeps({ signals: { alertFailed: (alert: Raised) => raised.push(alert) } });
  return { deps, raised };
}

/** Deposits CONV-1 and lets the alert queue's consumer make the first attempts the deposit queued. */
async function deposit(deps: ReturnType<typeof recordingDeps>['deps']) {
  await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf('CONV-1') });
  await deliverQueued(deps);
}

async function smsAlert(deps: ReturnType<typeof recordingDeps>['deps']) {
  return (await deps.letters.get('CONV-1'))?.alerts.find((alert) => alert.channel === 'sms');
}

/** Moves the clock to the instant the SMS alert's next attempt is due. */
async function untilSmsRetryIsDue(deps: ReturnType<typeof recordingDeps>['deps']): Promise<void> {
  const alert = await smsAlert(deps);
  const due = alert === undefined ? null : nextAttemptDueAt(alert);
  if (due === null) throw new Error('no retry is due');
  deps.clock.set(due);
}

describe('AlertsFailed: counted once, when the alert becomes final', () => {
  it('R11/R12: a permanent failure on the first attempt (the deposit\'s queued alert) is signalled then, once, with the provider reason kept', async () => {
    const { deps, raised } = recordingDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1, 'permanentFailure');

    await deposit(deps);

    expect(raised).toEqual([{ letterId: 'CONV-1', alertId: (await smsAlert(deps))?.id, channel: 'sms', reason: 'told to fail (permanentFailure)' }]);
    expect(await smsAlert(deps)).toMatchObject({ status: 'permanentFailure', attempts: 1, failureReason: 'told to fail (permanentFailure)' });

    // The queue's later messages, a repeated deposit and a sweep all find it final.
    await runTriggersUntil(deps, '2023-04-21T10:00:00+02:00');
    await deposit(deps);
    await sweep(deps);
    expect(raised).toHaveLength(1);
  });

  it('R11/R12: after five temporary failures through queued retries, once, with the last provider reason', async () => {
    const { deps, raised } = recordingDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 10);
    await deposit(deps);
    expect(raised).toEqual([]);
    expect(await smsAlert(deps)).toMatchObject({ status: 'temporaryFailure', attempts: 1, failureReason: 'told to fail (temporaryFailure)' });

    await runTriggersUntil(deps, '2023-04-21T10:00:00+02:00');

    expect(await smsAlert(deps)).toMatchObject({ status: 'permanentFailure', attempts: 5, failureReason: 'told to fail (temporaryFailure)' });
    expect(raised.map((alert) => [alert.channel, alert.reason])).toEqual([['sms', 'told to fail (temporaryFailure)']]);
  });

  it('R11/R12: when every retry message is lost, the sweep redrives the attempts and the final failure is signalled once', async () => {
    const { deps, raised } = recordingDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 10);
    await deposit(deps);

    // Sweeps far enough apart for each retry to be due (2, 10, 30, 120 minutes plus up to 25 %).
    for (const at of ['2023-04-20T10:05:00+02:00', '2023-04-20T10:20:00+02:00', '2023-04-20T11:00:00+02:00', '2023-04-20T13:30:00+02:00', '2023-04-20T16:00:00+02:00', '2023-04-20T18:00:00+02:00']) {
      // Lost: never delivered.
      deps.scheduler.due('2030-01-01T00:00:00Z');
      deps.alertQueue.due('2030-01-01T00:00:00Z');
      deps.clock.set(at);
      await sweep(deps);
      await deliverQueued(deps);
    }
    await sweep(deps);
    await deliverQueued(deps);

    expect(await smsAlert(deps)).toMatchObject({ status: 'permanentFailure', attempts: 5 });
    expect(raised).toHaveLength(1);
  });

  it('R11/R12: duplicated concurrent triggers of the last attempt signal its failure once', async () => {
    const { deps, raised } = recordingDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 10);
    await deposit(deps);
    deps.alertQueue.due('2030-01-01T00:00:00Z'); // the queue's own retries are not the subject here
    const alertId = (await smsAlert(deps))?.id ?? '';
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await untilSmsRetryIsDue(deps);
      await deliverAlert(deps, { letterId: 'CONV-1', alertId });
    }
    expect(await smsAlert(deps)).toMatchObject({ status: 'temporaryFailure', attempts: 4 });
    await untilSmsRetryIsDue(deps);

    await Promise.all(Array.from({ length: 5 }, () => deliverAlert(deps, { letterId: 'CONV-1', alertId }).catch(() => undefined)));

    expect(await smsAlert(deps)).toMatchObject({ status: 'permanentFailure' });
    expect(raised).toHaveLength(1);
  });

  it('R11/R12: an alert whose contact was removed is signalled once with the app’s reason', async () => {
    const { deps, raised } = recordingDeps();
    await givenApplicant(deps);
    deps.notifier.failNext('sms', 1);
    await deposit(deps);
    await setContact(deps, { agdref: AGDREF, phone: null });

    await runTriggersUntil(deps, '2023-04-20T11:00:00+02:00');

    expect(raised.map((alert) => alert.reason)).toEqual([FAILURE_REASONS.noContact]);
    expect(await smsAlert(deps)).toMatchObject({ status: 'permanentFailure', failureReason: FAILURE_REASONS.noContact });
  });
});

describe('sweep: overdue backlog', () => {
  it('R5: counts the letters past their window end by more than the grace period and not deemed, before repairing them', async () => {
    const { deps } = recordingDeps();
    await givenApplicant(deps);
    await deposit(deps);
    await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-2', type: 'convocation', content: aPdf('CONV-2') });
    await deliverQueued(deps);
    deps.scheduler.due('2030-01-01T00:00:00Z'); // every schedule lost
    deps.clock.set('2023-05-06T00:10:00+02:00'); // 10 minutes after the window end: within the grace period

    const withinGrace = await sweep(deps);
    expect(withinGrace.overdueBacklog).toBe(0);
    expect(withinGrace.deemed).toBe(2);

    const { deps: lagging } = recordingDeps();
    await givenApplicant(lagging);
    await depositDocument(lagging, { agdref: AGDREF, documentId: 'CONV-3', type: 'convocation', content: aPdf('CONV-3') });
    await deliverQueued(lagging);
    lagging.scheduler.due('2030-01-01T00:00:00Z');
    lagging.clock.set('2023-05-06T01:00:00+02:00'); // an hour late

    const first = await sweep(lagging);
    const second = await sweep(lagging);
    expect(first).toMatchObject({ overdueBacklog: 1, deemed: 1, repaired: 1 });
    expect(second.overdueBacklog).toBe(0);
  });
});
