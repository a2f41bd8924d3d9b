/**
 * The deadline Lambda, target of the one-time schedules (R5 deem, R11 reminders and alert
 * retries). Idempotent: a late, repeated or replayed trigger changes nothing. A failure is
 * rethrown so Scheduler retries it and, when retries are exhausted, the DLQ keeps it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { awsDeps, NO_BLOBS } from '../shared/adapters/aws/aws-deps.ts';
import { readCloudConfig } from '../shared/config.ts';
import type { TriggerPayload } from '../shared/ports.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { emfLine, METRICS } from '../infra/metrics.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const deps = awsDeps(config, { blobs: NO_BLOBS, runNow: handleTrigger });

export const handler = async (payload: TriggerPayload): Promise<void> => {
  logger.info('trigger', { kind: payload.kind, letterId: payload.letterId });
  await handleTrigger(deps, payload);
  if (payload.kind === 'alertRetry') {
    const letter = await deps.letters.get(payload.letterId);
    const delivery = letter?.alerts.find((alert) => alert.id === payload.alertId);
    if (delivery?.status === 'permanentFailure') {
      logger.warn('alert failed permanently', { letterId: payload.letterId, alertId: payload.alertId });
      process.stdout.write(`${emfLine(METRICS.alertsFailed, 1, process.env.STAGE ?? 'unknown', Date.now())}\n`);
    }
  }
};
