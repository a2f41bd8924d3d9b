/**
 * The deadline Lambda, target of the one-time schedules (R5 deem, R11 reminders and alert
 * retries). Idempotent: a late, repeated or replayed trigger changes nothing. A failure is
 * rethrown so Scheduler retries it and, when retries are exhausted, the DLQ keeps it. An alert
 * that becomes finally failed here is counted (AlertsFailed) by the use case's signal, once.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { cloudAlertSenders } from '../shared/adapters/aws/alert-senders.ts';
import { awsDeps } from './deps.ts';
import { NO_BLOBS } from './refusals.ts';
import { readCloudConfig } from '../shared/config.ts';
import type { TriggerPayload } from '../shared/ports.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { cloudSignals } from './signals.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const base = awsDeps(config, { blobs: NO_BLOBS, notifier: cloudAlertSenders(config), runNow: handleTrigger });
const deps = { ...base, signals: cloudSignals(logger, base.clock) };

export const handler = async (payload: TriggerPayload): Promise<void> => {
  logger.info('trigger', { kind: payload.kind, letterId: payload.letterId });
  await handleTrigger(deps, payload);
};
