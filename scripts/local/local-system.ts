/**
 * The whole product in one Node process, for `npm start`: DynamoDB Local (or memory), the durable
 * timer scheduler, the outbox notifier, file blobs, and the Hono app on @hono/node-server — the
 * same use cases and HTTP app as the Lambdas, wired to local adapters.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalConfig } from '../../shared/config.ts';
import { DEFAULT_ALERT_RATES } from '../../shared/domain/alert-pacing.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { registerOutboxRoutes } from '../../shared/http/dev-outbox.tsx';
import type { Deps, ResetCodeRequests, Scheduler, TriggerPayload } from '../../shared/ports.ts';
import { checkpointEvidence } from '../../shared/use-cases/checkpoint-evidence.ts';
import { handleTrigger, sendHelperDigests, sweep } from '../../shared/use-cases/index.ts';
import { HOUR_MS } from '../../shared/use-cases/instants.ts';
import { issueResetCode } from '../../shared/use-cases/issue-reset-code.ts';
import { DynamoDbAttemptLedger } from '../../shared/adapters/aws/dynamodb-attempt-ledger.ts';
import { type TableRepositories, dynamoDbRepositories } from '../../shared/adapters/aws/dynamodb-repositories.ts';
import { ChannelNotifier } from '../../shared/adapters/channel-notifier.ts';
import { InMemoryCheckpointStore } from '../../shared/adapters/memory/memory-checkpoint-store.ts';
import { InMemoryAttemptLedger } from '../../shared/adapters/memory/memory-attempt-ledger.ts';
import { memoryRepositories } from '../../shared/adapters/memory/memory-repositories.ts';
import { Argon2Hasher } from '../../shared/adapters/secrets/argon2-hasher.ts';
import { PooledArgon2Hasher } from '../../shared/adapters/secrets/pooled-argon2-hasher.ts';
import { RandomIds } from '../../shared/adapters/secrets/random-ids.ts';
import { SystemClock } from '../../shared/adapters/system-clock.ts';
import { DEMO_APPLICANT, seedDemo } from './demo-seed.ts';
import { ensureTable, localClient, startDynamoDbLocal, type DynamoDbLocal } from '../../shared/adapters/local/dynamodb-local.ts';
import { FileBlobStore } from '../../shared/adapters/local/file-blob-store.ts';
import { FileCheckpointStore } from '../../shared/adapters/local/file-checkpoint-store.ts';
import { KeyPairEvidenceSigner } from '../../shared/adapters/local/key-pair-evidence-signer.ts';
import { FileUploadStore } from '../../shared/adapters/local/file-upload-store.ts';
import { OutboxNotifier } from '../../shared/adapters/local/outbox-notifier.ts';
import { announceServer } from '../../shared/adapters/local/server-file.ts';
import { TimerAlertQueue } from '../../shared/adapters/local/timer-alert-queue.ts';
import { TimerScheduler } from '../../shared/adapters/local/timer-scheduler.ts';
import { VolatileTimerScheduler } from '../../shared/adapters/local/volatile-timer-scheduler.ts';

/** Credential requests one client may send at once before CREDENTIAL_RATE_LIMIT (per minute) applies. */
const RATE_LIMIT_BURST = 10;

/** The port is taken: says which one and which variable changes it. */
export class PortInUseError extends Error {
  constructor(port: number, variable: string) {
    super(`Port ${port} is already in use: stop what uses it, or choose another with ${variable}=<port> (e.g. ${variable}=${port + 1} npm start).`);
  }
}

export interface LocalSystem {
  readonly url: string;
  readonly agentToken: string;
  readonly demo: { readonly agdref: string; readonly ofpraFileNumber: string; readonly password: string } | null;
  readonly seeded: boolean;
  readonly outboxFile: string;
  readonly dataDir: string;
  readonly store: 'dynamodb' | 'memory';
  stop(): Promise<void>;
}

async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, variable) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolvePort()));
  });
}

/** A secret generated once and kept in the data folder (`name`), readable by its owner only. */
async function keptSecret(dataDir: string, name: string, bytes: number): Promise<string> {
  const file = join(dataDir, name);
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 24) return kept;
  } catch {
    // first start: make one
  }
  const secret = randomBytes(bytes).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The office token: from the environment, else generated once and kept in the data folder. */
async function agentTokenFor(config: LocalConfig, dataDir: string): Promise<string> {
  return config.AGENT_TOKEN ?? keptSecret(dataDir, 'agent-token', 24);
}

/**
 * The helpers' daily digests (use-cases/helper-digest.ts), as the hourly sweep sends them in the
 * cloud: once on start, then every hour; the first run at or after `time` (Paris) sends, the
 * others find the day handled. Returns the stop.
 */
async function startDigestTimer(deps: Deps, time: string, log: (line: string) => void): Promise<() => Promise<void>> {
  let running: Promise<void> = Promise.resolve();
  const run = (): void => {
    running = running
      .then(() => sendHelperDigests(deps, { time }))
      .then((result) => {
        if (result.sent + result.failed > 0) log(`[digest] helpers' daily digests: ${result.sent} sent, ${result.failed} failed`);
      })
      .catch((error: unknown) => log(`[digest] the helpers' daily digests failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  run();
  await running;
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Starts everything; resolves once the web server listens. */
export async function startLocalSystem(config: LocalConfig, log: (line: string) => void = console.log): Promise<LocalSystem> {
  const dataDir = resolve(config.DATA_DIR);
  await assertPortFree(config.PORT, config.HOST, 'PORT');
  if (config.DYNAMODB_PORT !== undefined) await assertPortFree(config.DYNAMODB_PORT, '127.0.0.1', 'DYNAMODB_PORT');
  await mkdir(join(dataDir, 'blobs'), { recursive: true });

  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const clock = new SystemClock();
    const outboxFile = join(dataDir, 'outbox.jsonl');
    // In memory mode nothing persists, the outbox neither.
    const outbox = new OutboxNotifier({ clock, ...(config.STORE === 'dynamodb' ? { filePath: outboxFile } : {}), log });
    // Triggers only fire once the scheduler is started, after `deps` below exists.
    const run = (payload: TriggerPayload): Promise<void> => handleTrigger(deps, payload);
    const onError = (error: unknown, name: string | null): void =>
      log(`[scheduler] trigger ${name ?? '(store)'} failed, will retry: ${error instanceof Error ? error.message : String(error)}`);

    let store: TableRepositories & Pick<Deps, 'attempts'>;
    let scheduler: Scheduler & { start?: () => Promise<void>; stop(): Promise<void> | void };
    if (config.STORE === 'dynamodb') {
      await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
      const dynamo: DynamoDbLocal = await startDynamoDbLocal({
        dataPath: join(dataDir, 'dynamodb'),
        ...(config.DYNAMODB_PORT === undefined ? {} : { port: config.DYNAMODB_PORT }),
        ...(config.DYNAMODB_START_TIMEOUT_S === undefined ? {} : { startTimeoutMs: config.DYNAMODB_START_TIMEOUT_S * 1000 }),
        onUnexpectedExit: (how) =>
          log(
            `[store] DynamoDB Local stopped (${how}): every request that needs the store now answers 503. ` +
              'Restart the server (Ctrl-C, then npm start) to bring it back; the data in DATA_DIR is kept.',
          ),
      });
      stops.push(() => dynamo.stop());
      const raw = localClient(dynamo.endpoint);
      stops.push(() => raw.destroy());
      await ensureTable(raw, config.TABLE_NAME);
      const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
      const table = { client, tableName: config.TABLE_NAME };
      store = { ...dynamoDbRepositories(table), attempts: new DynamoDbAttemptLedger({ ...table, secret: await keptSecret(dataDir, 'lockout-key', 32) }) };
      scheduler = new TimerScheduler({ ...table, clock, run, onError });
    } else {
      store = { ...memoryRepositories(), attempts: new InMemoryAttemptLedger() };
      scheduler = new VolatileTimerScheduler({ clock, run, onError });
    }
    stops.push(() => scheduler.stop());

    // docs/api.md: hashing never blocks the server — argon2id runs in worker threads.
    const pooled = config.HASH_THREADS === 0 ? null : new PooledArgon2Hasher(config.HASH_THREADS === undefined ? {} : { threads: config.HASH_THREADS });
    if (pooled !== null) stops.push(() => pooled.close());
    const hasher = pooled ?? new Argon2Hasher();
    const deps: Deps = {
      ...store,
      clock,
      ids: new RandomIds(),
      hasher,
      blobs: new FileBlobStore({ root: join(dataDir, 'blobs') }),
      scheduler,
      notifier: new ChannelNotifier({ sms: outbox, email: outbox }),
      alertQueue: new TimerAlertQueue({ scheduler, clock, rates: DEFAULT_ALERT_RATES }),
      // R12: a key generated once in DATA_DIR; checkpoints appended to a file beside it.
      evidence: {
        signer: await KeyPairEvidenceSigner.inFile(join(dataDir, 'evidence-key.jwk')),
        checkpoints: config.STORE === 'dynamodb' ? new FileCheckpointStore(join(dataDir, 'checkpoints.jsonl')) : new InMemoryCheckpointStore(),
      },
      config: { publicUrl: config.publicUrl, rules: config.rules },
    };
    const seeded = config.SEED_DEMO ? await seedDemo(deps) : false;
    await scheduler.start?.();
    const repaired = await sweep(deps);
    if (repaired.repaired > 0) log(`[sweep] repaired ${repaired.repaired} overdue transition(s) on start`);
    // R12: the daily checkpoint of the cloud's sweep, here at each start (and on demand: npm run office -- checkpoint).
    await checkpointEvidence(deps);
    stops.push(await startDigestTimer(deps, config.HELPER_DIGEST_TIME, log));

    const agentToken = await agentTokenFor(config, dataDir);
    // The upload URL is this server's own: reachable where the office CLI reaches it.
    const uploads = new FileUploadStore({ root: join(dataDir, 'uploads'), baseUrl: `http://localhost:${config.PORT}`, clock });
    const background = new Set<Promise<void>>();
    stops.push(async () => {
      await Promise.allSettled([...background]);
    });
    // docs/api.md (no enumeration): a reset code is issued in the background, after the 202.
    const resetCodeRequests: ResetCodeRequests = {
      submit: async (request) => {
        const running = issueResetCode(deps, request)
          .catch((error: unknown) => log(`[background] issuing a reset code failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => background.delete(running));
        background.add(running);
      },
    };
    const perMinute = config.CREDENTIAL_RATE_LIMIT;
    const app = createApp({
      deps: { ...deps, resetCodeRequests },
      agentAuth: { kind: 'bearer', token: agentToken },
      uploads,
      localUploads: uploads,
      ...(perMinute === 0
        ? {}
        : {
            credentialRateLimit: {
              perMinute,
              burst: Math.min(RATE_LIMIT_BURST, perMinute),
              clientOf: (c) => getConnInfo(c).remote.address ?? 'unknown',
              nowMs: () => performance.now(),
            },
          }),
      secureCookies: config.publicUrl.startsWith('https:'),
      localRoutes: (routes) =>
        registerOutboxRoutes(routes, () =>
          outbox.messages().map((m) => ({
            id: m.id,
            at: m.sentAt,
            channel: m.channel,
            to: m.to,
            language: m.language,
            ...(m.subject === undefined ? {} : { subject: m.subject }),
            text: m.text,
          })),
        ),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
      const started = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolveServer(started));
      started.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(config.PORT, 'PORT') : error),
      );
    });
    stops.push(
      () =>
        new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections();
        }),
    );
    const url = `http://localhost:${config.PORT}`;
    // For `npm run office`: which port this data folder's server listens on.
    stops.push(await announceServer(dataDir, { url, pid: process.pid, startedAt: clock.now() }));
    const demoExists = config.SEED_DEMO && (seeded || (await deps.applicants.get(DEMO_APPLICANT.agdref)) !== null);
    return {
      url,
      agentToken,
      demo: demoExists ? { agdref: DEMO_APPLICANT.agdref, ofpraFileNumber: DEMO_APPLICANT.ofpraFileNumber, password: DEMO_APPLICANT.password } : null,
      seeded,
      outboxFile,
      dataDir,
      store: config.STORE,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
