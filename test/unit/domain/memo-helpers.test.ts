import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../shared/domain/alert-messages.ts';
import { BoundedCache } from '../../../shared/domain/bounded-cache.ts';
import { storedForm, storedFormMs } from '../../../shared/domain/instant-form.ts';
import { LANGUAGES } from '../../../shared/domain/types.ts';

const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

describe('BoundedCache', () => {
  it('answers what was stored while it holds at most `limit` entries (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), (limit, keys) => {
        const cache = new BoundedCache<number, string>(limit);
        for (const key of keys) {
          const known = cache.get(key);
          if (known !== undefined && known !== `v${key}`) return false;
          if (known === undefined) cache.set(key, `v${key}`);
          if (cache.size > limit) return false;
        }
        return true;
      }),
    );
  });

  it('keeps the most recently used entries and forgets the oldest', () => {
    // Arrange
    const cache = new BoundedCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);

    // Act: 'a' is used again, then two new entries push the oldest generation out.
    cache.get('a');
    cache.set('d', 4);
    cache.set('e', 5);

    // Assert
    expect(cache.get('a')).toBe(1);
    expect(cache.get('e')).toBe(5);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('refuses a bound that could not hold its two generations', () => {
    expect(() => new BoundedCache(1)).toThrow(RangeError);
    expect(() => new BoundedCache(2.5)).toThrow(RangeError);
  });
});

describe('the stored form of instants (instant-form.ts)', () => {
  it('storedForm writes what toISOString writes, for every millisecond of years 0000–9999 and beyond (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: MAX_MS }), fc.integer({ min: -8.64e15, max: 8.64e15 })), (ms) => storedForm(ms) === new Date(ms).toISOString()),
      { numRuns: 20_000 },
    );
    for (const ms of [0, MAX_MS, MAX_MS + 1, -1, Date.UTC(2000, 1, 29), Date.UTC(2100, 1, 28, 23, 59, 59, 999)]) {
      expect(storedForm(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('storedForm refuses what toISOString refuses', () => {
    expect(() => storedForm(Number.NaN)).toThrow(RangeError);
    expect(() => storedForm(8.64e15 + 1)).toThrow(RangeError);
    expect(storedForm(1.5)).toBe(new Date(1.5).toISOString());
  });

  it('storedFormMs reads what Date.parse reads, or leaves the string to it (property)', () => {
    const stored = fc.integer({ min: -62_167_219_200_000, max: MAX_MS }).map((ms) => new Date(ms).toISOString());
    const mangled = fc.tuple(stored, fc.nat({ max: 23 }), fc.constantFrom('0', '9', '2', '3', '5', '6', '-', ':', 'T', 'Z', '.', 'x', ' ')).map(
      ([text, at, char]) => text.slice(0, at) + char + text.slice(at + 1),
    );
    fc.assert(
      fc.property(fc.oneof(stored, mangled, fc.string()), (text) => {
        const ms = storedFormMs(text);
        return ms === null || (ms === Date.parse(text) && new Date(ms).toISOString() === text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('storedFormMs reads the common instants and leaves years 0000–0099 and days 29–31 to the general parsers', () => {
    expect(storedFormMs('2024-03-28T01:00:00.000Z')).toBe(Date.UTC(2024, 2, 28, 1));
    expect(storedFormMs('0050-01-01T00:00:00.000Z')).toBeNull();
    expect(storedFormMs('2024-01-31T00:00:00.000Z')).toBeNull();
    expect(storedFormMs('2024-01-01T24:00:00.000Z')).toBeNull();
    expect(storedFormMs('2024-01-01T00:00:00Z')).toBeNull();
  });
});

describe('alertMessage, composed once per channel, kind, language and URL', () => {
  it('R11 gives the same words on every call, as a new object each time', () => {
    for (const channel of ['sms', 'email'] as const) {
      for (const kind of ['deposit', 'reminder'] as const) {
        for (const language of LANGUAGES) {
          for (const publicUrl of ['https://mailbox.example.org', 'https://demat.ofpra.example.fr/']) {
            const first = alertMessage({ channel, kind, language, publicUrl });
            const second = alertMessage({ channel, kind, language, publicUrl });
            expect(second).toEqual(first);
            expect(second).not.toBe(first);
            expect(first.text).toContain(publicUrl.replace(/\/$/, ''));
          }
        }
      }
    }
  });

  it('refuses an invalid URL every time: nothing invalid is remembered', () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: 'not a url' })).toThrow();
    }
  });
});
