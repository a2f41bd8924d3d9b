import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../simulator/load.ts';
import { runTimeline } from '../../simulator/runner.ts';
import { memoryStore } from '../../simulator/stores.ts';
import { exampleTimelines, scenariosDir, timelineFiles } from './support.ts';

const files = [...timelineFiles(exampleTimelines), ...timelineFiles(scenariosDir)];

describe('timeline scenarios (R1–R12, every fault kind) on the in-memory store', () => {
  it('finds the example timeline and at least 15 scenarios of our own', () => {
    expect(timelineFiles(exampleTimelines).length).toBeGreaterThan(0);
    expect(timelineFiles(scenariosDir).length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s meets every expectation', async (file) => {
    // Arrange
    const loaded = await loadTimeline(file);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));

    // Act
    const result = await runTimeline(file, loaded.file, { store: memoryStore() });

    // Assert
    expect(result.failures).toEqual([]);
    expect(result.passed).toBeGreaterThan(0);
    expect(result.systemErrors).toEqual([]);
  });
});
