/**
 * The sweep Lambda (daily rule): applies any deemed transition or reminder that a lost or late
 * schedule missed. In a healthy system it repairs nothing; its repaired count feeds an alarm.
 * Then (R12) the daily checkpoint: every letter's chain head committed to a signed Merkle root in
 * the Object Lock bucket — written even when the sweep failed on some letters.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { awsDeps, NO_BLOBS } from '../shared/adapters/aws/aws-deps.ts';
import { readCloudConfig } from '../shared/config.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { checkpointEvidence } from '../shared/use-cases/checkpoint-evidence.ts';
import { sweep } from '../shared/use-cases/sweep.ts';
import { emfLine, METRICS } from '../infra/metrics.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const deps = awsDeps(config, { blobs: NO_BLOBS, runNow: handleTrigger });

export const handler = async (): Promise<{ deemed: number; reminders: number; repaired: number; checkpointTreeSize: number }> => {
  const result = await sweep(deps);
  logger.info('sweep', { ...result });
  process.stdout.write(`${emfLine(METRICS.sweepRepaired, result.repaired, process.env.STAGE ?? 'unknown', Date.now())}\n`);
  const { checkpoint } = await checkpointEvidence(deps);
  logger.info('checkpoint', { at: checkpoint.at, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
  return { ...result, checkpointTreeSize: checkpoint.treeSize };
};
