/**
 * `npm run simulate -- FILE... [--json OUT] [--html OUT] [--store memory|dynamodb] [--seed S] [--evidence-dir DIR]`
 *   (`--evidence-dir`: each letter's signed evidence export, the production format, and the run's keys)
 * `npm run simulate -- --population N [--seed S] [--start DATE] [--sms-cost EUR] [--json [OUT]] [--html OUT]`
 * `npm run simulate -- --campaign N [--over MINUTES] [--sms-rate R] [--email-rate R] [--scheduler-rate R] [--seed S] [--json [OUT]] [--html OUT]`
 *
 * Exit codes (docs/timelines.md): 0 every expectation holds, 1 some fail, 2 an invalid file or
 * command line — then nothing runs.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatIssues, loadTimeline } from './load.ts';
import { formatFailure } from './expectations.ts';
import { runCampaign, summarizeCampaign } from './campaign.ts';
import { runPopulation, summarizePopulation, type PopulationProgress } from './population/index.ts';
import { writeJsonReport, toJson } from './report-json.ts';
import { renderCampaignReport, renderPopulationReport, renderTimelineReport, writeHtml } from './report-html.ts';
import { runTimelines } from './runner.ts';
import type { TimelineFile } from './schema.ts';
import { memoryStore, startedDynamoDbStore, type StoreKind, type StoreProvider } from './stores.ts';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
}

const USAGE = `usage: npm run simulate -- FILE... [--json OUT.json] [--html OUT.html] [--store memory|dynamodb] [--seed S] [--evidence-dir DIR]
       npm run simulate -- --population N [--seed S] [--start YYYY-MM-DD] [--sms-cost EUR_PER_SEGMENT] [--json [OUT.json]] [--html OUT.html] [--store memory|dynamodb] [--workers N] [--cohort N]
       npm run simulate -- --campaign N [--over MINUTES] [--sms-rate R] [--email-rate R] [--scheduler-rate R] [--seed S] [--start YYYY-MM-DD] [--json [OUT.json]] [--html OUT.html] [--store memory|dynamodb]`;

interface Arguments {
  files: string[];
  json?: string | true;
  html?: string;
  store: StoreKind;
  seed?: string;
  population?: number;
  start?: string;
  smsCost?: number;
  cohort?: number;
  workers?: number;
  campaign?: number;
  over?: number;
  smsRate?: number;
  emailRate?: number;
  schedulerRate?: number;
  evidenceDir?: string;
}

class UsageError extends Error {}

/** The options; `--json` is a flag here because its value is optional (read by `parseArguments`). */
const OPTIONS = {
  json: { type: 'boolean' },
  html: { type: 'string' },
  store: { type: 'string' },
  seed: { type: 'string' },
  'evidence-dir': { type: 'string' },
  population: { type: 'string' },
  workers: { type: 'string' },
  cohort: { type: 'string' },
  start: { type: 'string' },
  'sms-cost': { type: 'string' },
  campaign: { type: 'string' },
  over: { type: 'string' },
  'sms-rate': { type: 'string' },
  'email-rate': { type: 'string' },
  'scheduler-rate': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;
type ValueOption = { [K in OptionName]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never }[OptionName];

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** Campaign options that take a positive number, and the argument each sets. */
const CAMPAIGN_NUMBERS = {
  over: 'over',
  'sms-rate': 'smsRate',
  'email-rate': 'emailRate',
  'scheduler-rate': 'schedulerRate',
} as const;

/** Sets what an option with a value stands for; `name` is how it was written (`--population`). */
function setOption(args: Arguments, option: ValueOption, v: string, name: string): void {
  switch (option) {
    case 'html':
      args.html = v;
      return;
    case 'store':
      if (v !== 'memory' && v !== 'dynamodb') throw new UsageError('--store is memory or dynamodb');
      args.store = v;
      return;
    case 'seed':
      args.seed = v;
      return;
    case 'evidence-dir':
      args.evidenceDir = v;
      return;
    case 'population':
      args.population = positiveInteger(v, name);
      return;
    case 'workers':
      args.workers = positiveInteger(v, name);
      return;
    case 'cohort':
      args.cohort = positiveInteger(v, name);
      return;
    case 'start':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T12:00:00Z`))) throw new UsageError('--start is a date YYYY-MM-DD');
      args.start = v;
      return;
    case 'sms-cost': {
      const cost = Number(v);
      if (!Number.isFinite(cost) || cost < 0) throw new UsageError('--sms-cost is a non-negative number of euros per segment');
      args.smsCost = cost;
      return;
    }
    case 'campaign':
      args.campaign = positiveInteger(v, name);
      return;
    case 'over':
    case 'sms-rate':
    case 'email-rate':
    case 'scheduler-rate':
      args[CAMPAIGN_NUMBERS[option]] = positiveNumber(v, name);
      return;
  }
}

/**
 * The command line through `node:util` `parseArgs`, read token by token so that the first problem
 * is the one reported and each keeps its own message. Not strict: its errors would replace ours,
 * so unknown options and missing values are refused here. An option's value may be given as
 * `--seed 3` or `--seed=3`; a value starting with `--` is taken for the next option (the option
 * then "needs a value"), as is the end of the line. `--json` takes an optional value, which
 * `parseArgs` has no option type for: it is a flag there, and the token right after it is its
 * file when that token is a positional one (`--json out.json`, not `--json --html x` nor
 * `--json -- out.json`); `--json=out.json` works too. After `--`, every argument is a file.
 */
function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { files: [], store: 'memory' };
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const jsonFiles = new Set<number>();
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'positional') {
      if (!jsonFiles.has(token.index)) args.files.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const { name, rawName } = token;
    if (!isOption(name)) throw new UsageError(`unknown option ${rawName}`);
    if (name === 'help') throw new UsageError('');
    if (name === 'json') {
      const next = tokens[i + 1];
      if (token.value !== undefined) {
        if (token.value === '') throw new UsageError('--json= needs a file name');
        args.json = token.value;
      } else if (next?.kind === 'positional' && next.index === token.index + 1) {
        args.json = next.value;
        jsonFiles.add(next.index);
      } else args.json = true;
      continue;
    }
    const v = token.value;
    if (typeof v !== 'string' || (token.inlineValue === false && v.startsWith('--'))) throw new UsageError(`${rawName} needs a value`);
    setOption(args, name, v, rawName);
  }
  const generated = args.population !== undefined || args.campaign !== undefined;
  if (args.population !== undefined && args.campaign !== undefined) throw new UsageError('--population and --campaign are separate runs');
  if (!generated && args.files.length === 0) throw new UsageError('no timeline file given');
  if (args.population !== undefined && args.files.length > 0) throw new UsageError('--population runs no files');
  if (args.campaign !== undefined && args.files.length > 0) throw new UsageError('--campaign runs no files');
  if (!generated && args.json === true) throw new UsageError('--json needs an output file');
  const campaignOnly = [args.over, args.smsRate, args.emailRate, args.schedulerRate].some((v) => v !== undefined);
  if (campaignOnly && args.campaign === undefined) throw new UsageError('--over and the --*-rate options go with --campaign');
  return args;
}

function positiveNumber(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} is a positive number`);
  return n;
}

function positiveInteger(text: string, name: string): number {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} is a positive whole number`);
  return n;
}

async function openStore(kind: StoreKind, given: StoreProvider | undefined): Promise<StoreProvider> {
  if (given !== undefined) return given;
  return kind === 'dynamodb' ? startedDynamoDbStore() : memoryStore();
}

/** A store that cannot start (no Java for DynamoDB Local): nothing ran, exit 2 like an invalid file. */
class StoreUnavailableError extends Error {}

async function openStoreOrExplain(kind: StoreKind, given: StoreProvider | undefined): Promise<StoreProvider> {
  try {
    return await openStore(kind, given);
  } catch (error) {
    throw new StoreUnavailableError(`cannot start the ${kind} store: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs the command; returns the exit code. `store` replaces the one `--store` would start (tests). */
export async function main(argv: readonly string[], io: CliIo, store?: StoreProvider): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message !== '') io.err(`${error.message}\n`);
    io.err(`${USAGE}\n`);
    return 2;
  }
  try {
    if (args.campaign !== undefined) return await simulateCampaign(args, args.campaign, io, store);
    return args.population === undefined ? await simulateFiles(args, io, store) : await simulatePopulation(args, args.population, io, store);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    io.err(`${error.message}\n`);
    return 2;
  }
}

async function simulateFiles(args: Arguments, io: CliIo, given: StoreProvider | undefined): Promise<number> {
  const loaded = await Promise.all(args.files.map((path) => loadTimeline(path)));
  const problems = loaded.flatMap(formatIssues);
  if (problems.length > 0) {
    for (const line of problems) io.err(`${line}\n`);
    const invalid = loaded.filter((l) => !l.ok).length;
    io.err(`${invalid} invalid file${invalid === 1 ? '' : 's'}: nothing was run.\n`);
    return 2;
  }
  const valid = loaded.flatMap((l) => (l.ok ? [{ path: l.path, file: l.file as TimelineFile }] : []));
  const store = await openStoreOrExplain(args.store, given);
  try {
    const result = await runTimelines(valid, {
      store,
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.evidenceDir === undefined ? {} : { evidenceDir: args.evidenceDir }),
    });
    for (const file of result.files) {
      for (const failure of file.failures) io.out(formatFailure(file.file, failure));
      for (const applicant of file.applicants) {
        for (const refused of applicant.refused) {
          io.err(`note: ${file.file}: applicant ${applicant.id}: ${refused.do}${refused.doc === undefined ? '' : ` ${refused.doc}`} at ${refused.at} was refused (${refused.error})\n`);
        }
      }
      for (const alert of file.undeliveredAlerts) {
        io.err(`note: ${file.file}: applicant ${alert.applicant}, document ${alert.doc}: alert ${alert.id} not delivered (${alert.status} after ${alert.attempts} attempts)\n`);
      }
      for (const error of file.systemErrors) io.err(`note: ${file.file}: ${error.what} failed at ${error.at}: ${error.error}\n`);
      if (file.skippedEvents > 0) io.err(`note: ${file.file}: ${file.skippedEvents} event(s) after until were not run\n`);
    }
    if (args.json !== undefined && args.json !== true) await writeJsonReport(args.json, { ...result, store: store.kind });
    if (args.html !== undefined) await writeHtml(args.html, renderTimelineReport(result));
    io.out(`${result.passed} passed, ${result.failed} failed`);
    return result.failed === 0 ? 0 : 1;
  } finally {
    if (given === undefined) await store.shutdown();
  }
}

/** A progress bar on a terminal; a plain line every few seconds otherwise (CI logs). */
function progressReporter(io: CliIo): { update: (p: PopulationProgress) => void; done: () => void } {
  let lastLogAt = 0;
  return {
    update: (p) => {
      const share = p.applicants === 0 ? 1 : p.applicantsDone / p.applicants;
      const rate = p.elapsedSeconds > 0 ? Math.round(p.events / p.elapsedSeconds) : 0;
      if (io.isTTY) {
        const width = 30;
        const filled = Math.round(share * width);
        io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)} % ${p.applicantsDone}/${p.applicants} applicants, ${p.elapsedSeconds.toFixed(1)} s, ${rate} events/s `);
      } else if (p.elapsedSeconds - lastLogAt >= 5 || p.applicantsDone === p.applicants) {
        lastLogAt = p.elapsedSeconds;
        io.err(`population: ${p.applicantsDone}/${p.applicants} applicants (${(share * 100).toFixed(0)} %), ${p.events} events, ${p.elapsedSeconds.toFixed(1)} s\n`);
      }
    },
    done: () => {
      if (io.isTTY) io.err('\n');
    },
  };
}

/** A generated run's report: JSON on stdout (`--json` alone) or the summary lines, then the files asked for. */
async function emitReport(args: Arguments, io: CliIo, report: object, summary: readonly string[], html: () => string): Promise<void> {
  if (args.json === true) io.out(toJson(report).trimEnd());
  else {
    for (const line of summary) io.out(line);
    if (args.json !== undefined) await writeJsonReport(args.json, report);
  }
  if (args.html !== undefined) await writeHtml(args.html, html());
}

async function simulatePopulation(args: Arguments, applicants: number, io: CliIo, given: StoreProvider | undefined): Promise<number> {
  const store = await openStoreOrExplain(args.store, given);
  const progress = progressReporter(io);
  try {
    const report = await runPopulation({
      applicants,
      store,
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.start === undefined ? {} : { start: args.start }),
      ...(args.smsCost === undefined ? {} : { smsCostEur: args.smsCost }),
      ...(args.cohort === undefined ? {} : { cohortSize: args.cohort }),
      workers: args.workers ?? availableParallelism(),
      onProgress: progress.update,
    });
    progress.done();
    await emitReport(args, io, report, summarizePopulation(report), () => renderPopulationReport(report));
    return report.engine.systemErrors === 0 ? 0 : 1;
  } finally {
    if (given === undefined) await store.shutdown();
  }
}

async function simulateCampaign(args: Arguments, letters: number, io: CliIo, given: StoreProvider | undefined): Promise<number> {
  const store = await openStoreOrExplain(args.store, given);
  try {
    const report = await runCampaign({
      letters,
      store,
      ...(args.over === undefined ? {} : { overMinutes: args.over }),
      ...(args.smsRate === undefined ? {} : { smsRate: args.smsRate }),
      ...(args.emailRate === undefined ? {} : { emailRate: args.emailRate }),
      ...(args.schedulerRate === undefined ? {} : { schedulerRate: args.schedulerRate }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.start === undefined ? {} : { start: args.start }),
    });
    await emitReport(args, io, report, summarizeCampaign(report), () => renderCampaignReport(report));
    const { sms, email } = report.campaign;
    // R11: every alert exactly once.
    const exact = sms.lost === 0 && email.lost === 0 && sms.duplicated === 0 && email.duplicated === 0;
    return exact && report.systemErrors === 0 ? 0 : 1;
  } finally {
    if (given === undefined) await store.shutdown();
  }
}

// The SDK's notice about Node 20 would be noise in every run on DynamoDB Local.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const code = await main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
  });
  process.exitCode = code;
}
