import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../simulator/load.ts';
import { runTimeline } from '../../simulator/runner.ts';
import { memoryStore } from '../../simulator/stores.ts';
import { verifyEvidence } from '../../shared/use-cases/verify-evidence.ts';
import { scenariosDir } from './support.ts';

describe('simulator evidence (R12)', () => {
  it('R12 writes every letter\'s export in the production format, which the offline verifier accepts with the run\'s keys', async () => {
    const file = path.join(scenariosDir, '13-r12-evidence.json');
    const loaded = await loadTimeline(file);
    if (!loaded.ok) throw new Error('invalid scenario');
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-evidence-'));

    const result = await runTimeline(file, loaded.file, { store: memoryStore(), evidenceDir: dir });

    const exports = readdirSync(dir).filter((name) => !name.endsWith('.keys.json'));
    const keys = JSON.parse(readFileSync(path.join(dir, '13-r12-evidence.keys.json'), 'utf8')) as unknown;
    const documents = result.applicants.flatMap((applicant) => applicant.documents);
    expect(exports).toHaveLength(documents.length);
    expect(documents.length).toBeGreaterThan(0);
    for (const name of exports) {
      const exported = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { head: unknown; signature: unknown; checkpoint: unknown; chainValid: boolean };
      expect(exported).toMatchObject({ head: expect.any(Object), signature: expect.any(String), checkpoint: expect.any(Object), chainValid: true });
      expect(await verifyEvidence(exported, keys)).toEqual({ valid: true });
    }
  });
});
