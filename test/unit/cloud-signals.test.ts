/**
 * The functions' signals (functions/signals.ts): an alert that finally failed is one
 * `AlertsFailed` datum in Embedded Metric Format, in the namespace and with the `Stage` dimension
 * the alarm watches (infra/stacks/monitoring-stack.ts), plus a warning with ids and the reason.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { cloudSignals, emitMetric } from '../../functions/signals.ts';
import { METRICS } from '../../shared/metrics.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';

describe('cloud signals', () => {
  afterEach(() => vi.restoreAllMocks());

  it('R11/R12: writes one AlertsFailed EMF record per failed alert, dimensioned by stage, and logs the ids and reason', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = new Logger({ serviceName: 'mailbox-test' });
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const signals = cloudSignals(logger, new FixedClock('2026-11-30T10:00:00Z'));

    signals.alertFailed({ letterId: 'CONV-1', alertId: 'CONV-1.deposit.0.sms', channel: 'sms', reason: 'InvalidParameter (HTTP 400)' });

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      {
        _aws: {
          Timestamp: Date.parse('2026-11-30T10:00:00Z'),
          CloudWatchMetrics: [{ Namespace: METRICS.namespace, Dimensions: [[METRICS.stageDimension]], Metrics: [{ Name: METRICS.alertsFailed, Unit: 'Count' }] }],
        },
        [METRICS.stageDimension]: process.env.STAGE ?? 'unknown',
        [METRICS.alertsFailed]: 1,
      },
    ]);
    expect(warned).toHaveBeenCalledWith('alert failed permanently', {
      letterId: 'CONV-1',
      alertId: 'CONV-1.deposit.0.sms',
      channel: 'sms',
      reason: 'InvalidParameter (HTTP 400)',
    });
  });

  it('names the stage it is given on the heartbeat and backlog metrics', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const clock = new FixedClock('2026-11-30T10:05:00Z');

    emitMetric(METRICS.sweepCompleted, 1, clock, 'staging');
    emitMetric(METRICS.overdueBacklog, 3, clock, 'staging');

    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map((record) => [record.Stage, record.SweepCompleted ?? record.OverdueBacklog])).toEqual([
      ['staging', 1],
      ['staging', 3],
    ]);
  });
});
