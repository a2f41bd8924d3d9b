import { describe, expect, it } from 'vitest';
import * as loader from '../../../shared/adapters/calendar-temporal-beside-bundle.ts';
import * as calendarTemporal from '../../../shared/domain/calendar-temporal.ts';

describe('#calendar-temporal inside the Lambda bundles', () => {
  it('stands for every export of calendar-temporal.ts, each a function of the same arity, and the same time zone', () => {
    expect(Object.keys(loader).sort()).toEqual(Object.keys(calendarTemporal).sort());
    for (const [name, value] of Object.entries(calendarTemporal)) {
      const standIn = (loader as Record<string, unknown>)[name];
      if (typeof value === 'function') expect((standIn as (...args: unknown[]) => unknown).length, name).toBe(value.length);
      else expect(standIn, name).toBe(value);
    }
  });
});
