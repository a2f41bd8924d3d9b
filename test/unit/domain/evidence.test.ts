import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEvidence, canonicalJson, GENESIS_HASH, headOf, verifyChain } from '../../../shared/domain/evidence.ts';
import type { EvidenceEvent } from '../../../shared/domain/types.ts';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A realistic chain: deposit, two alerts, a reminder failure, the first opening. */
function aChain(): EvidenceEvent[] {
  let chain: EvidenceEvent[] = [];
  chain = appendEvidence(chain, { at: '2023-04-20T08:00:00.000Z', event: 'deposited' });
  chain = appendEvidence(chain, { at: '2023-04-20T08:00:01.000Z', event: 'alertSent', channel: 'sms', kind: 'deposit' });
  chain = appendEvidence(chain, { at: '2023-04-20T08:00:02.000Z', event: 'alertSent', channel: 'email', kind: 'deposit' });
  chain = appendEvidence(chain, { at: '2023-04-27T08:00:00.000Z', event: 'alertFailed', channel: 'sms', kind: 'reminder', day: 7 });
  chain = appendEvidence(chain, { at: '2023-04-28T09:00:00.000Z', event: 'firstOpened' });
  return chain;
}

describe('canonicalJson', () => {
  it('R12 sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('R12 omits undefined fields', () => {
    expect(canonicalJson({ at: 't', channel: undefined, event: 'firstOpened' })).toBe('{"at":"t","event":"firstOpened"}');
  });

  it('R12 escapes strings exactly as JSON does', () => {
    expect(canonicalJson({ text: 'Décision "A"\n' })).toBe('{"text":"Décision \\"A\\"\\n"}');
  });

  it('R12 refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('R12 gives the same text for the same content whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        const text = canonicalJson(value);
        return text === canonicalJson(reversed) && canonicalJson(JSON.parse(text)) === text;
      }),
      { numRuns: 100 },
    );
  });
});

describe('appendEvidence', () => {
  it('R12 links the first event to 64 zeros', () => {
    const [first] = appendEvidence([], { at: '2023-04-20T08:00:00.000Z', event: 'deposited' });

    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(first?.previousHash).toBe(GENESIS_HASH);
  });

  it('R12 hashes the canonical JSON of the event without its hash, previousHash included', () => {
    const [first] = appendEvidence([], { at: '2023-04-20T08:00:00.000Z', event: 'deposited' });

    expect(first?.hash).toBe(sha256(`{"at":"2023-04-20T08:00:00.000Z","event":"deposited","previousHash":"${'0'.repeat(64)}"}`));
  });

  it('R12 links each event to the hash of the one before', () => {
    const chain = aChain();

    chain.slice(1).forEach((event, i) => expect(event.previousHash).toBe(chain[i]?.hash));
  });

  it('R12 keeps each event with its exact instant and fields, dropping undefined ones', () => {
    const [event] = appendEvidence([], { at: '2023-04-28T09:00:00.123Z', event: 'legalAidRequested', date: '2023-04-28', channel: undefined });

    expect(event).toEqual({
      at: '2023-04-28T09:00:00.123Z',
      event: 'legalAidRequested',
      date: '2023-04-28',
      previousHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(event && 'channel' in event).toBe(false);
  });

  it('R12 appends without changing the chain it is given', () => {
    const chain = aChain();
    const before = structuredClone(chain);

    appendEvidence(chain, { at: '2023-05-01T00:00:00.000Z', event: 'deemedNotified' });

    expect(chain).toEqual(before);
  });
});

describe('verifyChain', () => {
  it('R12 accepts an intact chain and an empty one', () => {
    expect(verifyChain(aChain())).toBe(true);
    expect(verifyChain([])).toBe(true);
  });

  it('R12 detects an altered instant', () => {
    const chain = aChain().map((e, i) => (i === 1 ? { ...e, at: '2023-04-20T08:00:09.000Z' } : e));

    expect(verifyChain(chain)).toBe(false);
  });

  it('R12 detects an altered channel even with its hash recomputed (the next link breaks)', () => {
    const chain = aChain();
    const [, , ...rest] = chain;
    const forged = appendEvidence(chain.slice(0, 1), { at: '2023-04-20T08:00:01.000Z', event: 'alertSent', channel: 'email', kind: 'deposit' });

    expect(verifyChain([...forged, ...rest])).toBe(false);
  });

  it('R12 detects an added field', () => {
    const chain = aChain().map((e, i) => (i === 4 ? { ...e, day: 3 } : e));

    expect(verifyChain(chain)).toBe(false);
  });

  it('R12 detects a removed event in the middle', () => {
    const chain = aChain();

    expect(verifyChain([...chain.slice(0, 2), ...chain.slice(3)])).toBe(false);
  });

  it('R12 detects a removed first event', () => {
    expect(verifyChain(aChain().slice(1))).toBe(false);
  });

  it('R12 detects reordered events', () => {
    const [a, b, ...rest] = aChain();

    expect(a && b && verifyChain([b, a, ...rest])).toBe(false);
  });

  it('R12 detects a truncated end only against the head hash kept elsewhere', () => {
    const chain = aChain();
    const head = headOf(chain);

    expect(verifyChain(chain.slice(0, -1))).toBe(true);
    expect(verifyChain(chain.slice(0, -1), head)).toBe(false);
    expect(verifyChain(chain, head)).toBe(true);
  });

  it('R12 detects any single removal, swap or alteration (property)', () => {
    const chain = aChain();
    const n = chain.length;
    const tampering = fc.oneof(
      fc.integer({ min: 0, max: n - 2 }).map((i) => chain.filter((_, j) => j !== i)),
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
        .filter(([i, j]) => i !== j)
        .map(([i, j]) => chain.map((e, k) => (k === i ? chain[j] : k === j ? chain[i] : e) as EvidenceEvent)),
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom('at', 'event', 'channel', 'kind', 'day', 'previousHash', 'hash'), fc.string())
        .map(([i, field, value]) => chain.map((e, k) => (k === i ? { ...e, [field]: `${String(e[field as keyof EvidenceEvent])}${value}x` } : e))),
    );

    fc.assert(
      fc.property(tampering, (tampered) => !verifyChain(tampered)),
      { numRuns: 100 },
    );
  });
});
