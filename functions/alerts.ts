/**
 * The alerts Lambda, consumer of the alert queue (SQS event source; docs/alerts.md). Sends at this
 * consumer's share of the providers' quotas (stage config), retries a throttled call soon, and
 * reports a message that failed so that SQS delivers it again (partial batch response). An alert
 * that becomes finally failed here is counted (AlertsFailed) by the use case's signal, once.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { cloudAlertSenders } from '../shared/adapters/aws/alert-senders.ts';
import { SystemClock } from '../shared/adapters/system-clock.ts';
import { awsDeps } from './deps.ts';
import { NO_BLOBS } from './refusals.ts';
import { PacedAlertConsumer } from './paced-alert-consumer.ts';
import { readCloudConfig } from '../shared/config.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { cloudSignals } from './signals.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const base = awsDeps(config, { blobs: NO_BLOBS, notifier: cloudAlertSenders(config), runNow: handleTrigger });
const deps = { ...base, signals: cloudSignals(logger, base.clock) };
const share = config.ALERT_CONSUMERS;
const wallClock = new SystemClock();
const consumer = new PacedAlertConsumer({
  rates: { sms: config.SMS_PER_SECOND / share, email: config.EMAIL_PER_SECOND / share, scheduler: config.SCHEDULER_PER_SECOND / share },
  nowMs: () => Date.now(),
  sleep: (ms) => wallClock.sleep(ms),
  onOutcome: (work, outcome) => {
    if (outcome === 'throttled') logger.info('throttled by the provider, retried soon', { kind: work.kind, retries: work.retries });
  },
  onProblem: (messageId, problem) => logger.error('alert-queue message not handled', { messageId, error: problem instanceof Error ? problem.message : String(problem) }),
});

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failed = await consumer.consume(deps, event.Records);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
