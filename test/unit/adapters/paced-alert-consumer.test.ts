import { describe, expect, it } from 'vitest';
import { PacedAlertConsumer } from '../../../shared/adapters/aws/sqs-alert-consumer.ts';
import { StoreThrottledError } from '../../../shared/errors.ts';
import type { AlertWork, Letter } from '../../../shared/ports.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { AGDREF, aPdf, delegating, givenApplicant, makeDeps, type TestDeps } from '../../support/builders.ts';

/** The Lambda's consumer on the deps' fixed clock: sleeping moves that clock, and every send is timed. */
function consumerOn(deps: TestDeps, rates = { sms: 10, email: 7, scheduler: 25 }) {
  const sentAt: Array<{ channel: string; ms: number }> = [];
  const inner = deps.notifier;
  const notifier = {
    send: async (message: Parameters<typeof inner.send>[0]) => {
      sentAt.push({ channel: message.channel, ms: Date.parse(deps.clock.now()) });
      return inner.send(message);
    },
  };
  // Virtual time for concurrent lanes: each sleeper wakes at its own instant, earliest first.
  const sleepers: Array<{ readonly at: number; readonly wake: () => void }> = [];
  const wakeEarliest = (): void => {
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (next === undefined) return;
    if (next.at > Date.parse(deps.clock.now())) deps.clock.set(new Date(next.at).toISOString());
    next.wake();
  };
  const consumer = new PacedAlertConsumer({
    rates,
    nowMs: () => Date.parse(deps.clock.now()),
    sleep: (ms) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: Date.parse(deps.clock.now()) + ms, wake });
        setImmediate(wakeEarliest);
      }),
  });
  return { consumer, sentAt, notifier };
}

async function depositMany(deps: TestDeps, count: number): Promise<AlertWork[]> {
  await givenApplicant(deps);
  for (let i = 0; i < count; i += 1) {
    await depositDocument(deps, { agdref: AGDREF, documentId: `D-${i}`, type: 'convocation', content: aPdf(`D-${i}`) });
  }
  return deps.alertQueue.due('2099-01-01T00:00:00Z').map((m) => m.work);
}

describe('PacedAlertConsumer (the alerts Lambda)', () => {
  it("sends each channel at this consumer's share of the quota, the channels side by side", async () => {
    const deps = makeDeps();
    const works = await depositMany(deps, 10);
    const { consumer, sentAt, notifier } = consumerOn(deps);

    const failed = await consumer.consume({ ...deps, notifier }, works.map((work, i) => ({ messageId: `m-${i}`, body: JSON.stringify(work) })));

    expect(failed).toEqual([]);
    expect(deps.notifier.sent('sms')).toHaveLength(10);
    expect(deps.notifier.sent('email')).toHaveLength(10);
    for (const [channel, rate] of [['sms', 10], ['email', 7]] as const) {
      const times = sentAt.filter((s) => s.channel === channel).map((s) => s.ms);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.floor(1000 / rate));
    }
  });

  it('reports a message whose handling failed (SQS delivers it again) and handles the others', async () => {
    const base = makeDeps();
    const works = await depositMany(base, 2);
    const letters = delegating(base.letters, {
      update: async (next: Letter, expected: number) => {
        if (next.id === 'D-0') throw new StoreThrottledError();
        return base.letters.update(next, expected);
      },
    });
    const { consumer } = consumerOn(base);
    const records = works.map((work, i) => ({ messageId: `m-${i}`, body: JSON.stringify(work) }));

    const failed = await consumer.consume({ ...base, letters }, [...records, { messageId: 'junk', body: 'not json' }]);

    const failedLetters = failed.map((id) => works[Number(id.slice(2))]).map((work) => (work?.kind === 'send' ? work.letterId : null));
    expect(new Set(failedLetters)).toEqual(new Set(['D-0']));
    expect(base.notifier.sent().map((m) => m.id).every((id) => id.startsWith('D-1.'))).toBe(true);
  });
});
