import { describe, expect, it } from 'vitest';
import { publicUrl, stageConfig, STAGES } from '../../infra/config.ts';
import { emfLine, METRICS } from '../../infra/metrics.ts';

describe('stageConfig', () => {
  it('returns the pilot configuration by default', () => {
    expect(stageConfig()).toBe(STAGES.pilot);
  });

  it('refuses an unknown stage instead of deploying defaults', () => {
    expect(() => stageConfig('prod')).toThrow(/Unknown stage "prod"; known stages: pilot/);
  });

  it('keeps every stage within the limits AWS imposes', () => {
    for (const config of Object.values(STAGES)) {
      expect(config.sms.senderId).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}$/);
      expect(config.sms.successSamplingPercent).toBeGreaterThanOrEqual(0);
      expect(config.sms.successSamplingPercent).toBeLessThanOrEqual(100);
      expect(config.retention.tableRecoveryDays).toBeGreaterThanOrEqual(1);
      expect(config.retention.tableRecoveryDays).toBeLessThanOrEqual(35);
      expect(config.email.from.endsWith(`@${config.email.identity}`)).toBe(true);
      expect(publicUrl(config)).toBe(`https://${config.domain.name}`);
    }
  });
});

describe('emfLine', () => {
  it('writes one Embedded Metric Format record in the namespace and dimension the alarms watch', () => {
    const record = JSON.parse(emfLine(METRICS.sweepRepaired, 3, 'pilot', Date.UTC(2023, 4, 1))) as Record<string, unknown>;

    expect(record).toEqual({
      _aws: {
        Timestamp: Date.UTC(2023, 4, 1),
        CloudWatchMetrics: [
          { Namespace: 'DigitalMailbox', Dimensions: [['Stage']], Metrics: [{ Name: 'SweepRepaired', Unit: 'Count' }] },
        ],
      },
      Stage: 'pilot',
      SweepRepaired: 3,
    });
  });
});
