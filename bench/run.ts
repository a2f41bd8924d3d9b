/**
 * `npm run bench`: every benchmark of the project, one after the other.
 * Population first, then the Lambda bundles (size, init time), then security under load.
 * Options: `--applicants N` and `--workers N` (population benchmark), `--json OUT`,
 * `--only population|functions|security` (one benchmark alone), `--only init-parts` (where the
 * applicant-facing function's initialisation goes beyond the floor; not part of the default run).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchFunctions } from './functions.ts';
import { formatInitParts, measureInitParts } from './init-parts.ts';
import { benchPopulation, formatPopulationBench } from './population.ts';
import { benchSecurity, formatSecurityBench } from './security.ts';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string' },
    workers: { type: 'string' },
    cohort: { type: 'string' },
    json: { type: 'string' },
    only: { type: 'string' },
  },
});
const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text.replaceAll('_', '')));
const runs = (name: string): boolean => values.only === undefined || values.only === name;

const machine = { cpus: (await import('node:os')).availableParallelism(), node: process.version, date: new Date().toISOString() };
console.log(`machine: ${machine.cpus} CPU(s), node ${machine.node}, ${machine.date}`);

const applicants = number(values.applicants);
const workers = number(values.workers);
const cohortSize = number(values.cohort);
const population = runs('population')
  ? await benchPopulation({
      ...(applicants === undefined ? {} : { applicants }),
      ...(workers === undefined ? {} : { workers }),
      ...(cohortSize === undefined ? {} : { cohortSize }),
    })
  : null;
if (population !== null) for (const line of formatPopulationBench(population)) console.log(line);

let functions: string | null = null;
if (runs('functions')) {
  console.log('\nLambda bundles: size and module initialisation (fresh node process each run)');
  functions = await benchFunctions();
  console.log(functions);
}

let initParts: string | null = null;
if (values.only === 'init-parts') {
  initParts = formatInitParts(await measureInitParts());
  console.log(`\n${initParts}`);
}

let security = null;
if (runs('security')) {
  console.log('\nSecurity under load (npm start on DynamoDB Local, rate limit off)');
  security = await benchSecurity();
  for (const line of formatSecurityBench(security)) console.log(line);
}

if (values.json !== undefined) {
  await writeFile(values.json, `${JSON.stringify({ machine, population, functions, initParts, security }, null, 2)}\n`);
}
