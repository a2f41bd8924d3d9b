import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerThrottledError } from '../../shared/errors.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { runCampaign } from '../../simulator/campaign.ts';
import { main } from '../../simulator/cli.ts';
import { memoryStore } from '../../simulator/stores.ts';
import { VirtualNotifier } from '../../simulator/virtual-notifier.ts';
import { VirtualScheduler } from '../../simulator/virtual-scheduler.ts';

const sms = { id: 'L.deposit.0.sms', channel: 'sms', to: '+33612345678', language: 'fr', text: 'x' } as const;

describe('campaign mode', () => {
  it('R11: delivers every deposit alert exactly once, the last within 1.1× of what the quotas allow', async () => {
    const report = await runCampaign({ letters: 500, overMinutes: 1, smsRate: 5, emailRate: 4, seed: 't', store: memoryStore() });

    const c = report.campaign;
    for (const channel of [c.sms, c.email]) {
      expect(channel).toMatchObject({ accepted: 500, lost: 0, duplicated: 0 });
    }
    expect(c.lowerBoundSeconds).toEqual({ sms: 500 / 5, email: 500 / 4 });
    expect(c.ratioToBound.sms).toBeLessThanOrEqual(1.1);
    expect(c.ratioToBound.email).toBeLessThanOrEqual(1.1);
    expect(report.deposits).toEqual({ done: 500, refused: 0 });
  }, 120_000);

  it('with a scheduler quota below the deposit rate, no deposit fails and every letter still gets its schedule (backoff through the queue)', async () => {
    const report = await runCampaign({ letters: 300, overMinutes: 1, schedulerRate: 2, seed: 't', store: memoryStore() });

    expect(report.campaign.scheduler.throttled).toBeGreaterThan(0);
    expect(report.campaign.scheduler.created).toBe(300);
    expect(report.deposits).toEqual({ done: 300, refused: 0 });
    expect(report.campaign.sms).toMatchObject({ accepted: 300, lost: 0, duplicated: 0 });
  }, 120_000);

  it('writes the campaign object of docs/timelines.md to --json and a report to --html, and exits 0 when nothing is lost or doubled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'campaign-'));
    try {
      const out: string[] = [];
      const code = await main(
        ['--campaign', '120', '--over', '1', '--seed', '3', '--json', join(dir, 'out.json'), '--html', join(dir, 'out.html')],
        { out: (line) => out.push(line), err: () => {}, isTTY: false },
        memoryStore(),
      );

      const json = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as { campaign: Record<string, unknown> };
      expect(code).toBe(0);
      expect(Object.keys(json.campaign)).toEqual(expect.arrayContaining(['letters', 'sms', 'email', 'scheduler', 'lowerBoundSeconds']));
      expect(Object.keys(json.campaign.sms as object)).toEqual(expect.arrayContaining(['accepted', 'duplicated', 'lost', 'throttled', 'lastAcceptedAfterSeconds']));
      expect(await readFile(join(dir, 'out.html'), 'utf8')).toContain('Campaign simulation');
      expect(out.some((line) => line.startsWith('SMS: 120 accepted, 0 lost, 0 duplicated'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the virtual providers under a quota', () => {
  it('refuse a send beyond R per second as throttled, as SNS and SES do, and accept again a second later', async () => {
    const clock = new FixedClock('2023-03-06T09:00:00+01:00');
    const notifier = new VirtualNotifier(clock, { accepted: () => {} }, { sms: 2 });

    const results = [await notifier.send(sms), await notifier.send(sms), await notifier.send(sms)];
    clock.advance({ seconds: 1 });
    const later = await notifier.send(sms);

    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'throttled']);
    expect(later.status).toBe('accepted');
  });

  it('refuse a schedule creation beyond R per second with the throttling error', async () => {
    const clock = new FixedClock('2023-03-06T09:00:00+01:00');
    const scheduler = new VirtualScheduler({ enqueueTrigger: () => {} }, { perSecond: 1, clock });
    const trigger = (name: string) => ({ name, at: '2023-03-13T09:00:00.000Z', payload: { kind: 'deem', letterId: name } as const });

    await scheduler.schedule(trigger('a'));

    await expect(scheduler.schedule(trigger('b'))).rejects.toBeInstanceOf(SchedulerThrottledError);
    expect(scheduler.throttled).toBe(1);
  });
});
