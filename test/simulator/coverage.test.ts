import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../simulator/load.ts';
import { scenariosDir, timelineFiles } from './support.ts';

describe('the scenarios cover the rulebook and the faults', () => {
  it('name every rule id R1–R12 in their reasoning', () => {
    const text = timelineFiles(scenariosDir)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (let rule = 1; rule <= 12; rule += 1) expect(text).toMatch(new RegExp(`\\bR${rule}\\b`));
  });

  it('inject every fault kind', async () => {
    const kinds = new Set<string>();
    for (const file of timelineFiles(scenariosDir)) {
      const loaded = await loadTimeline(file);
      if (loaded.ok) for (const fault of loaded.file.faults ?? []) kinds.add(fault.kind);
    }
    expect([...kinds].sort()).toEqual(['schedulerDelay', 'schedulerDrop', 'schedulerDuplicate', 'smsFailure', 'storeThrottle']);
  });

  it('include YAML files', () => {
    expect(timelineFiles(scenariosDir).filter((f) => f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(2);
  });
});
