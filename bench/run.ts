/**
 * `npm run bench`: every benchmark of the project, one after the other.
 * Population first, then the Lambda bundles (size, init time).
 * Options: `--applicants N` and `--workers N` (population benchmark), `--json OUT`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchFunctions } from './functions.ts';
import { benchPopulation, formatPopulationBench } from './population.ts';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string' },
    workers: { type: 'string' },
    cohort: { type: 'string' },
    json: { type: 'string' },
  },
});
const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text.replaceAll('_', '')));

const machine = { cpus: (await import('node:os')).availableParallelism(), node: process.version, date: new Date().toISOString() };
console.log(`machine: ${machine.cpus} CPU(s), node ${machine.node}, ${machine.date}`);

const applicants = number(values.applicants);
const workers = number(values.workers);
const cohortSize = number(values.cohort);
const population = await benchPopulation({
  ...(applicants === undefined ? {} : { applicants }),
  ...(workers === undefined ? {} : { workers }),
  ...(cohortSize === undefined ? {} : { cohortSize }),
});
for (const line of formatPopulationBench(population)) console.log(line);

console.log('\nLambda bundles: size and module initialisation (fresh node process each run)');
const functions = await benchFunctions();
console.log(functions);

if (values.json !== undefined) {
  await writeFile(values.json, `${JSON.stringify({ machine, population, functions }, null, 2)}\n`);
}
