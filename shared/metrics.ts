/**
 * Custom metrics the functions emit and the monitoring stack alarms on. This module imports
 * nothing (no aws-cdk-lib), so the functions can import it and both sides use the same names.
 *
 * The functions emit them as CloudWatch Embedded Metric Format: one JSON object per line on
 * stdout, written with `process.stdout.write` (the Lambda runtime's `console.log` prefixes a
 * timestamp and request id, which stops CloudWatch from extracting the metric).
 */

export const METRICS = {
  namespace: 'DigitalMailbox',
  /** Every metric carries this dimension, valued with the stage name (`STAGE` env var). */
  stageDimension: 'Stage',
  /** Letters the daily sweep had to repair because a schedule was lost or late (expected 0). */
  sweepRepaired: 'SweepRepaired',
  /**
   * Alerts that became finally failed (an `alertFailed` evidence event was recorded): 1 per
   * alert, emitted by whichever function's write made it final (inline first attempt, retry or sweep).
   */
  alertsFailed: 'AlertsFailed',
  /** 1 per completed sweep run: the heartbeat (its alarm treats missing data as breaching). */
  sweepCompleted: 'SweepCompleted',
  /**
   * Letters whose 15-day window ended more than the sweep's grace period ago and that are still
   * not deemed (R5), counted by the sweep before it repairs them (expected 0).
   */
  overdueBacklog: 'OverdueBacklog',
} as const;

export type MetricName =
  | typeof METRICS.sweepRepaired
  | typeof METRICS.alertsFailed
  | typeof METRICS.sweepCompleted
  | typeof METRICS.overdueBacklog;

/**
 * One EMF line (without the trailing newline) recording `value` for `metric`.
 *
 * @example
 * process.stdout.write(`${emfLine(METRICS.sweepRepaired, repaired, 'pilot', Date.parse(now))}\n`);
 */
export function emfLine(metric: MetricName, value: number, stage: string, timestampMs: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [
        {
          Namespace: METRICS.namespace,
          Dimensions: [[METRICS.stageDimension]],
          Metrics: [{ Name: metric, Unit: 'Count' }],
        },
      ],
    },
    [METRICS.stageDimension]: stage,
    [metric]: value,
  });
}
