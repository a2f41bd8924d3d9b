/**
 * `npm start`: the whole product on this machine (see README "Run it locally"). Prints one short
 * block once ready; Ctrl-C stops everything, DynamoDB Local included.
 */
import { readLocalConfig } from '../shared/config.ts';
import { ValidationError } from '../shared/errors.ts';
import { JavaMissingError } from '../shared/adapters/local/dynamodb-local.ts';
import { PortInUseError, startLocalSystem } from './local/local-system.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const startedAt = performance.now();

try {
  const config = readLocalConfig(process.env);
  const system = await startLocalSystem(config);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    '',
    `Digital mailbox running at ${system.url}  (ready in ${seconds} s, store: ${system.store})`,
    system.demo === null
      ? '  No demo applicant (SEED_DEMO=false).'
      : `  Demo applicant: AGDREF ${system.demo.agdref} (or office file number ${system.demo.ofpraFileNumber}), password ${system.demo.password}`,
    `  Office API token: ${system.agentToken}   (try: npm run office -- --help)`,
    `  Outbox (every SMS and e-mail): ${system.url}/dev/outbox  — also ${system.outboxFile}`,
    `  Data: ${system.dataDir}   Stop: Ctrl-C   Wipe: npm run reset`,
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    system.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Stopped with an error:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof ValidationError) {
    console.error(error.message);
  } else {
    console.error('Could not start:', error);
  }
  process.exit(1);
}
