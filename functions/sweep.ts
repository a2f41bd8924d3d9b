/**
 * The sweep Lambda (hourly rule): applies any deemed transition or reminder that a lost or late
 * schedule missed. In a healthy system it repairs nothing. It reports, for the alarms
 * (infra/stacks/monitoring-stack.ts): the letters it repaired, the overdue backlog it found
 * (letters past their window and not deemed, R5), and a heartbeat once it completed.
 * Then (R12) the daily checkpoint, on the first run of each Paris day: every letter's chain head
 * committed to a signed Merkle root in the Object Lock bucket — written even when the sweep
 * failed on some letters. Last, the helpers' daily digests (use-cases/helper-digest.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { cloudAlertSenders } from '../shared/adapters/aws/alert-senders.ts';
import { awsDeps } from './deps.ts';
import { NO_BLOBS } from './refusals.ts';
import { s3Checkpoints } from './checkpoint-store.ts';
import { readCloudConfig } from '../shared/config.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { dailyCheckpoint } from '../shared/use-cases/checkpoint-evidence.ts';
import { sendHelperDigests } from '../shared/use-cases/helper-digest.ts';
import { sweep } from '../shared/use-cases/sweep.ts';
import type { SweepResult } from '../shared/use-cases/sweep.ts';
import { METRICS } from '../shared/metrics.ts';
import { cloudSignals, emitMetric } from './signals.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const base = awsDeps(config, { blobs: NO_BLOBS, notifier: cloudAlertSenders(config), checkpoints: s3Checkpoints(config), runNow: handleTrigger });
const deps = { ...base, signals: cloudSignals(logger, base.clock) };

export const handler = async (): Promise<SweepResult & { checkpointTreeSize: number | null }> => {
  const result = await sweep(deps);
  logger.info('sweep', { ...result });
  emitMetric(METRICS.overdueBacklog, result.overdueBacklog, deps.clock);
  emitMetric(METRICS.sweepRepaired, result.repaired, deps.clock);
  emitMetric(METRICS.sweepCompleted, 1, deps.clock);
  const written = await dailyCheckpoint(deps);
  if (written !== null) logger.info('checkpoint', { at: written.checkpoint.at, treeSize: written.checkpoint.treeSize, rootHash: written.checkpoint.rootHash });
  await runHelperDigests();
  return { ...result, checkpointTreeSize: written?.checkpoint.treeSize ?? null };
};

/** Helpers' daily digests (off by default): the first run at or after 08:00 Paris sends them; a failure here never fails the sweep. */
async function runHelperDigests(): Promise<void> {
  try {
    logger.info('helper digests', { ...(await sendHelperDigests(deps)) });
  } catch (error) {
    logger.error('helper digests failed', { error: error instanceof Error ? error.message : String(error) });
  }
}
