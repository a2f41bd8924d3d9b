import { describe, expect, it } from 'vitest';
import { ACCOUNT, publicUrl, stageConfig, STAGES } from '../../infra/config.ts';
import { emfLine, METRICS } from '../../shared/metrics.ts';

describe('stageConfig', () => {
  it('returns the pilot configuration by default', () => {
    expect(stageConfig()).toBe(STAGES.pilot);
  });

  it('refuses an unknown stage instead of deploying defaults', () => {
    expect(() => stageConfig('prod')).toThrow(/Unknown stage "prod"; known stages: pilot, staging/);
  });

  it('keeps every stage within the limits AWS imposes', () => {
    for (const config of Object.values(STAGES)) {
      expect(config.sms.senderId).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}$/);
      expect(config.region).toBe(ACCOUNT.region);
      expect(config.operators.email).toMatch(/^[^@\s]+@[^@\s]+$/);
      expect(config.api.wafCredentialPostsPer5MinutesPerIp).toBeLessThanOrEqual(100);
      expect(config.sweepMinute).toBeGreaterThanOrEqual(0);
      expect(config.sweepMinute).toBeLessThan(60);
      expect(config.retention.tableRecoveryDays).toBeGreaterThanOrEqual(1);
      expect(config.retention.tableRecoveryDays).toBeLessThanOrEqual(35);
      expect(config.email.from.endsWith(`@${config.email.identity}`)).toBe(true);
      expect(publicUrl(config)).toBe(`https://${config.domain.name}`);
    }
  });
});

describe('ACCOUNT', () => {
  it('keeps the account-wide SMS settings within the limits AWS imposes', () => {
    expect(ACCOUNT.sms.defaultSenderId).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}$/);
    expect(ACCOUNT.sms.successSamplingPercent).toBeGreaterThanOrEqual(0);
    expect(ACCOUNT.sms.successSamplingPercent).toBeLessThanOrEqual(100);
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
