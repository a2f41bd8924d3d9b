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
  /** Alerts whose retries were exhausted (an `alertFailed` evidence event was recorded). */
  alertsFailed: 'AlertsFailed',
} as const;

export type MetricName = typeof METRICS.sweepRepaired | typeof METRICS.alertsFailed;

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
