import { describe, expect, it } from 'vitest';
import type { Notifier, OutgoingMessage, Scheduler, Trigger } from '../../shared/ports.ts';
import { StoreThrottledError } from '../../shared/errors.ts';
import { EventQueue } from '../../simulator/event-queue.ts';
import { withFaults } from '../../simulator/faults.ts';
import { formatPath, validateTimeline } from '../../simulator/schema.ts';
import { planTimeline } from '../../simulator/runner.ts';

const trigger = (name: string, at: string): Trigger => ({ name, at, payload: { kind: 'deem', letterId: 'L1' } });

class RecordingScheduler implements Scheduler {
  readonly scheduled: Trigger[] = [];
  readonly cancelled: string[] = [];
  async schedule(t: Trigger): Promise<void> {
    this.scheduled.push(t);
  }
  async cancel(name: string): Promise<void> {
    this.cancelled.push(name);
  }
}

const sms: OutgoingMessage = { id: 'L1.deposit.0.sms', channel: 'sms', to: '+33612345678', language: 'fr', text: 'x' };
const acceptingNotifier: Notifier = { send: async () => ({ status: 'accepted', providerMessageId: 'p' }) };

describe('EventQueue', () => {
  it('orders by instant, then timeline events in file order, then system entries in scheduling order', () => {
    // Arrange
    const queue = new EventQueue<string>(100);
    queue.pushSystem(10, 'system-1');
    queue.push(10, 2, 'file-2');
    queue.push(5, 7, 'early');
    queue.pushSystem(10, 'system-2');
    queue.push(10, 1, 'file-1');

    // Act
    const order: string[] = [];
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) order.push(entry.item);

    // Assert
    expect(order).toEqual(['early', 'file-1', 'file-2', 'system-1', 'system-2']);
  });
});

describe('faults', () => {
  it('schedulerDelay moves every schedule N minutes later', async () => {
    const inner = new RecordingScheduler();
    const { scheduler } = withFaults([{ kind: 'schedulerDelay', minutes: 90 }], 's', { scheduler: inner, notifier: acceptingNotifier, repositories: {} });
    await scheduler.schedule(trigger('deem.L1', '2023-01-01T00:00:00.000Z'));
    expect(inner.scheduled.map((t) => t.at)).toEqual(['2023-01-01T01:30:00.000Z']);
  });

  it('schedulerDuplicate creates every schedule twice and cancels both', async () => {
    const inner = new RecordingScheduler();
    const { scheduler } = withFaults([{ kind: 'schedulerDuplicate' }], 's', { scheduler: inner, notifier: acceptingNotifier, repositories: {} });
    await scheduler.schedule(trigger('deem.L1', '2023-01-01T00:00:00.000Z'));
    await scheduler.cancel('deem.L1');
    expect(inner.scheduled).toHaveLength(2);
    expect(inner.scheduled.every((t) => t.payload.kind === 'deem')).toBe(true);
    expect(inner.cancelled).toHaveLength(2);
  });

  it('schedulerDrop accepts schedules that never reach the scheduler', async () => {
    const inner = new RecordingScheduler();
    const { scheduler, counters } = withFaults([{ kind: 'schedulerDrop' }], 's', { scheduler: inner, notifier: acceptingNotifier, repositories: {} });
    await scheduler.schedule(trigger('deem.L1', '2023-01-01T00:00:00.000Z'));
    expect(inner.scheduled).toEqual([]);
    expect(counters.droppedSchedules).toBe(1);
  });

  it('smsFailure fails the first N attempts of each SMS, not the e-mails', async () => {
    const { notifier } = withFaults([{ kind: 'smsFailure', attempts: 2 }], 's', { scheduler: new RecordingScheduler(), notifier: acceptingNotifier, repositories: {} });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await notifier.send(sms)).status);
    const email = await notifier.send({ ...sms, id: 'L1.deposit.0.email', channel: 'email', to: 'a@example.org' });
    expect(statuses).toEqual(['temporaryFailure', 'temporaryFailure', 'accepted']);
    expect(email.status).toBe('accepted');
  });

  it('storeThrottle refuses calls with StoreThrottledError before they run, reproducibly', async () => {
    const run = async (): Promise<string[]> => {
      let calls = 0;
      const repository = { get: async () => ++calls };
      const { repositories } = withFaults([{ kind: 'storeThrottle', probability: 0.5 }], 'same seed', {
        scheduler: new RecordingScheduler(),
        notifier: acceptingNotifier,
        repositories: { letters: repository },
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        outcomes.push(await repositories.letters.get().then((n) => `ok${n}`, (e: unknown) => (e instanceof StoreThrottledError ? 'throttled' : 'other')));
      }
      return outcomes;
    };
    const first = await run();
    expect(first).toContain('throttled');
    expect(first.filter((o) => o.startsWith('ok'))).toEqual(first.filter((o) => o.startsWith('ok')).map((_, i) => `ok${i + 1}`));
    expect(await run()).toEqual(first);
  });
});

describe('timeline planning', () => {
  it('formats JSON paths', () => {
    expect(formatPath(['applicants', 0, 'events', 3, 'at'])).toBe('applicants[0].events[3].at');
  });

  it('registers implicitly, orders by instant across offsets and defaults until to 60 days after the last event', () => {
    // Arrange
    const outcome = validateTimeline({
      version: 1,
      applicants: [
        {
          id: 'A',
          agdref: '7500000001',
          events: [
            { at: '2023-01-02T10:00:00+01:00', do: 'open', doc: 'd' },
            { at: '2023-01-02T08:30:00Z', do: 'deposit', doc: 'd', type: 'introduction' },
          ],
        },
      ],
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));

    // Act
    const plan = planTimeline(outcome.file);

    // Assert
    expect(plan.applicants[0]?.events.map((e) => e.action.do)).toEqual(['register', 'deposit', 'open']);
    expect(new Date(plan.untilMs).toISOString()).toBe('2023-03-03T09:00:00.000Z');
  });
});
