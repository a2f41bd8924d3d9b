import { describe, expect, it } from 'vitest';
import { runPopulation, withoutThroughput } from '../../simulator/population/index.ts';
import { memoryStore } from '../../simulator/stores.ts';

describe('population mode', () => {
  it('gives the same report for the same seed', async () => {
    // Arrange
    const options = { applicants: 120, seed: 'repro', start: '2024-01-01', store: memoryStore() };

    // Act
    const first = await runPopulation(options);
    const second = await runPopulation(options);

    // Assert
    expect(withoutThroughput(second)).toEqual(withoutThroughput(first));
  }, 120_000);

  it('does not depend on how the run is cut into cohorts (only the engine counters do)', async () => {
    // Arrange
    const options = { applicants: 120, seed: 'repro', start: '2024-01-01', store: memoryStore() };

    // Act
    const { engine: _one, ...whole } = withoutThroughput(await runPopulation({ ...options, cohortSize: 120 }));
    const { engine: _three, ...cut } = withoutThroughput(await runPopulation({ ...options, cohortSize: 50 }));

    // Assert
    expect(cut).toEqual(whole);
  }, 120_000);

  it('reports consistent figures: every letter classified, every accepted SMS costed, no alert sent twice', async () => {
    // Act
    const report = await runPopulation({ applicants: 80, seed: '7', store: memoryStore(), smsCostEur: 0.05 });

    // Assert
    const n = report.documents.byNotification;
    expect(n.consultation + n.deemed + n.pending + n.postal + n.notNotifiable).toBe(report.documents.total);
    expect(report.documents.total).toBeGreaterThanOrEqual(80 * 4);
    expect(report.sms.gsm7Segments + report.sms.ucs2Segments).toBe(report.sms.segments);
    expect(report.sms.projectedCostEur).toBeCloseTo(report.sms.segments * 0.05, 2);
    expect(report.alerts.acceptedByProvider.sms).toBe(report.alerts.sms.deposit + report.alerts.sms.reminder);
    expect(report.alerts.acceptedByProvider.email).toBe(report.alerts.email.deposit + report.alerts.email.reminder);
    expect(report.engine.refusedEvents).toBe(0);
    expect(report.engine.systemErrors).toBe(0);
    const buckets = report.rejections.daysLeftToAppealAtFirstOpening.buckets.reduce((sum, b) => sum + b.count, 0);
    expect(buckets).toBe(report.rejections.firstOpened);
  }, 120_000);

  it('gives another population for another seed', async () => {
    const a = await runPopulation({ applicants: 30, seed: 'a', store: memoryStore() });
    const b = await runPopulation({ applicants: 30, seed: 'b', store: memoryStore() });
    expect(withoutThroughput(a)).not.toEqual(withoutThroughput(b));
  }, 120_000);
});
