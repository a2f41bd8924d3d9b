/** `npm run reset`: wipes the local run's data folder (DATA_DIR, default .data). */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
await rm(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}. The next \`npm start\` seeds the demo data again.`);
