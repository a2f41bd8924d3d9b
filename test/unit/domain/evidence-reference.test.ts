import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEvidence, canonicalJson, evidenceHash } from '../../../shared/domain/evidence.ts';
import type { EvidenceEvent } from '../../../shared/domain/types.ts';

/*
 * evidence.ts builds canonical JSON with loops and hashes it in one call; these are the
 * straightforward definitions it replaced, kept as the reference it must equal byte for byte.
 */
function referenceCanonicalJson(value: unknown): string {
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
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : referenceCanonicalJson(item))).join(',')}]`;
      }
      return `{${Object.keys(value)
        .sort()
        .flatMap((key) => {
          const item: unknown = (value as Record<string, unknown>)[key];
          return item === undefined ? [] : [`${JSON.stringify(key)}:${referenceCanonicalJson(item)}`];
        })
        .join(',')}}`;
    default:
      throw new TypeError('no JSON form');
  }
}

function referenceAppend(chain: readonly EvidenceEvent[], event: Omit<EvidenceEvent, 'hash' | 'previousHash'>): EvidenceEvent[] {
  const previousHash = chain.at(-1)?.hash ?? '0'.repeat(64);
  const defined = Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined));
  const linked = { ...defined, previousHash };
  const hash = createHash('sha256').update(referenceCanonicalJson(linked), 'utf8').digest('hex');
  return [...chain, { ...linked, hash } as EvidenceEvent];
}

/** JSON-like values with undefined fields, sparse arrays and awkward keys. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string(),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.sparseArray(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('hash', 'previousHash', 'a', 'B', 'é', '"')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const eventFields = fc.record(
  {
    at: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
    event: fc.constantFrom('deposited', 'alertSent', 'alertFailed', 'firstOpened', 'deemedNotified', 'legalAidRequested'),
    channel: fc.option(fc.constantFrom('sms', 'email'), { nil: undefined }),
    kind: fc.option(fc.constantFrom('deposit', 'reminder'), { nil: undefined }),
    day: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    date: fc.option(fc.constantFrom('2024-05-01', '2023-12-31'), { nil: undefined }),
  },
  { requiredKeys: ['at', 'event'] },
) as fc.Arbitrary<Omit<EvidenceEvent, 'hash' | 'previousHash'>>;

describe('R12 evidence, computed the fast way, equals its reference definition', () => {
  it('canonicalJson of any JSON-like value (property)', () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        if (value === undefined) return true;
        return canonicalJson(value) === referenceCanonicalJson(value);
      }),
      { numRuns: 3_000 },
    );
  });

  it('appendEvidence and evidenceHash of any chain of events (property)', () => {
    fc.assert(
      fc.property(fc.array(eventFields, { minLength: 1, maxLength: 8 }), (events) => {
        let chain: EvidenceEvent[] = [];
        let reference: EvidenceEvent[] = [];
        for (const event of events) {
          chain = appendEvidence(chain, event);
          reference = referenceAppend(reference, event);
        }
        return JSON.stringify(chain) === JSON.stringify(reference) && chain.every((e) => evidenceHash(e) === e.hash);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses what has no JSON form, as before', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([1n])).toThrow(TypeError);
  });
});
