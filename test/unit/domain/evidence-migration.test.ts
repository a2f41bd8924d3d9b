import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceHash, verifyChain } from '../../../shared/domain/evidence.ts';
import type { EvidenceEvent } from '../../../shared/domain/types.ts';

/*
 * R12 migration (docs/evidence.md): chains written before RFC 8785 was adopted were hashed with
 * this home-made canonical JSON (the previous shared/domain/evidence.ts, kept here verbatim in
 * its straightforward form). Old hashes stay verifiable because, for every event this product
 * writes, it gives the same bytes as JCS — so no version field is needed.
 */
function formerCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('no JSON form');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : formerCanonicalJson(item))).join(',')}]`;
      }
      return `{${Object.keys(value)
        .sort()
        .flatMap((key) => {
          const item: unknown = (value as Record<string, unknown>)[key];
          return item === undefined ? [] : [`${JSON.stringify(key)}:${formerCanonicalJson(item)}`];
        })
        .join(',')}}`;
    default:
      throw new TypeError('no JSON form');
  }
}

function formerChain(events: ReadonlyArray<Omit<EvidenceEvent, 'hash' | 'previousHash'>>): EvidenceEvent[] {
  const chain: EvidenceEvent[] = [];
  for (const event of events) {
    const linked = { ...event, previousHash: chain.at(-1)?.hash ?? '0'.repeat(64) };
    chain.push({ ...linked, hash: createHash('sha256').update(formerCanonicalJson(linked), 'utf8').digest('hex') });
  }
  return chain;
}

/** Every event shape the product has written: names, channels, kinds, reminder days, legal-aid dates. */
const storedEvent = fc.record(
  {
    at: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
    event: fc.constantFrom('deposited', 'alertSent', 'alertFailed', 'firstOpened', 'deemedNotified', 'legalAidRequested', 'legalAidDecided'),
    channel: fc.constantFrom('sms', 'email'),
    kind: fc.constantFrom('deposit', 'reminder'),
    day: fc.integer({ min: 0, max: 60 }),
    date: fc.constantFrom('2024-05-01', '2023-12-31', '2019-06-17'),
  },
  { requiredKeys: ['at', 'event'] },
) as fc.Arbitrary<Omit<EvidenceEvent, 'hash' | 'previousHash'>>;

describe('R12 migration to RFC 8785: old hashes are re-derived unchanged', () => {
  it('a chain hashed the former way verifies, event by event, under JCS (property)', () => {
    fc.assert(
      fc.property(fc.array(storedEvent, { minLength: 1, maxLength: 10 }), (events) => {
        const chain = formerChain(events);
        return verifyChain(chain) && chain.every((event) => evidenceHash(event) === event.hash);
      }),
      { numRuns: 1_000 },
    );
  });

  it('JCS and the former canonical JSON write any JSON value of these shapes identically (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (value) => canonicalJson(value) === formerCanonicalJson(value)),
      { numRuns: 1_000 },
    );
  });

  it('JCS writes numbers the ECMAScript way, as RFC 8785 §3.2.2.3 requires', () => {
    expect(canonicalJson({ b: 1e21, a: 0.000001, c: -0 })).toBe('{"a":0.000001,"b":1e+21,"c":0}');
    expect(() => canonicalJson({ s: '\uD800' })).toThrow(TypeError);
  });
});
