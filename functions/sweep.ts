/**
 * The sweep Lambda (hourly rule): applies any deemed transition or reminder that a lost or late
 * schedule missed. In a healthy system it repairs nothing. It reports, for the alarms
 * (infra/stacks/monitoring-stack.ts): the letters it repaired, the overdue backlog it found
 * (letters past their window and not deemed, R5), and a heartbeat once it completed.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { awsDeps, NO_BLOBS } from './deps.ts';
import { readCloudConfig } from '../shared/config.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { sweep } from '../shared/use-cases/sweep.ts';
import type { SweepResult } from '../shared/use-cases/sweep.ts';
import { METRICS } from '../shared/metrics.ts';
import { cloudSignals, emitMetric } from './signals.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const base = awsDeps(config, { blobs: NO_BLOBS, runNow: handleTrigger });
const deps = { ...base, signals: cloudSignals(logger, base.clock) };

export const handler = async (): Promise<SweepResult> => {
  const result = await sweep(deps);
  logger.info('sweep', { ...result });
  emitMetric(METRICS.overdueBacklog, result.overdueBacklog, deps.clock);
  emitMetric(METRICS.sweepRepaired, result.repaired, deps.clock);
  emitMetric(METRICS.sweepCompleted, 1, deps.clock);
  return result;
};
