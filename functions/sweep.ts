/**
 * The sweep Lambda (daily rule): applies any deemed transition or reminder that a lost or late
 * schedule missed. In a healthy system it repairs nothing; its repaired count feeds an alarm.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { awsDeps, NO_BLOBS } from '../shared/adapters/aws/aws-deps.ts';
import { readCloudConfig } from '../shared/config.ts';
import { handleTrigger } from '../shared/use-cases/handle-trigger.ts';
import { sweep } from '../shared/use-cases/sweep.ts';
import { emfLine, METRICS } from '../infra/metrics.ts';

const logger = new Logger();
const config = readCloudConfig(process.env);
const deps = awsDeps(config, { blobs: NO_BLOBS, runNow: handleTrigger });

export const handler = async (): Promise<{ deemed: number; reminders: number; repaired: number }> => {
  const result = await sweep(deps);
  logger.info('sweep', { ...result });
  process.stdout.write(`${emfLine(METRICS.sweepRepaired, result.repaired, process.env.STAGE ?? 'unknown', Date.now())}\n`);
  return result;
};
