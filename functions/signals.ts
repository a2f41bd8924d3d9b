/**
 * The functions' operational signals (shared/ports.ts `Signals`): a warning in the logs and one
 * CloudWatch metric datum in Embedded Metric Format (shared/metrics.ts), in the namespace and with
 * the `Stage` dimension the alarms watch (infra/stacks/monitoring-stack.ts).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { emfLine, METRICS } from '../shared/metrics.ts';
import type { MetricName } from '../shared/metrics.ts';
import type { Clock, Signals } from '../shared/ports.ts';

/** Writes one EMF record on stdout (not through the runtime's console, which would prefix it). */
export function emitMetric(metric: MetricName, value: number, clock: Clock, stage: string = process.env.STAGE ?? 'unknown'): void {
  process.stdout.write(`${emfLine(metric, value, stage, Date.parse(clock.now()))}\n`);
}

/** AlertsFailed: 1 when an alert becomes finally failed, by whichever function's write did it. */
export function cloudSignals(logger: Logger, clock: Clock): Signals {
  return {
    alertFailed: (alert) => {
      logger.warn('alert failed permanently', { ...alert });
      emitMetric(METRICS.alertsFailed, 1, clock);
    },
  };
}
