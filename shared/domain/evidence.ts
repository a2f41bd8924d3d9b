/**
 * R12 evidence: each letter's append-only, hash-chained list of events. Each event's `hash` is the
 * SHA-256 (hex) of the canonical JSON of the event without its `hash`, `previousHash` included;
 * the first event's `previousHash` is 64 zeros (docs/api.md).
 */
import { hash } from 'node:crypto';
import type { EvidenceEvent } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, no whitespace, `undefined`
 * properties omitted (in arrays they become `null`, as JSON.stringify does). A value JSON cannot
 * represent faithfully (non-finite number, bigint, function, symbol) is a TypeError rather than a
 * silent change of the hashed content.
 * @example canonicalJson({ b: 1, a: [true, null], c: undefined }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonWithout(value, null);
}

/**
 * canonicalJson of `value`, leaving out the top-level property `omitted` of an object (the hashed
 * form of an evidence event without copying it). Written with loops and string concatenation: it
 * runs for every evidence event of every letter.
 */
function canonicalJsonWithout(value: unknown, omitted: string | null): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let json = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) json += ',';
          // A hole of a sparse array prints as nothing (as `map` then `join` did), `undefined` as null.
          if (!(i in value)) continue;
          const item: unknown = value[i];
          json += item === undefined ? 'null' : canonicalJsonWithout(item, null);
        }
        return `${json}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let json = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined || key === omitted) continue;
        if (json.length > 1) json += ',';
        json += `${JSON.stringify(key)}:${canonicalJsonWithout(item, null)}`;
      }
      return `${json}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/** SHA-256 hex of the canonical JSON of `event` without its `hash` (its `previousHash` included). */
export function evidenceHash(event: Omit<EvidenceEvent, 'hash'> | EvidenceEvent): string {
  return hash('sha256', canonicalJsonWithout(event, 'hash'), 'hex');
}

/** A new chain with `event` appended, linked to the last event (or to GENESIS_HASH) and hashed. */
export function appendEvidence(
  chain: readonly EvidenceEvent[],
  event: Omit<EvidenceEvent, 'hash' | 'previousHash'>,
): EvidenceEvent[] {
  const previousHash = chain.at(-1)?.hash ?? GENESIS_HASH;
  const linked: Record<string, unknown> = {};
  for (const key of Object.keys(event)) {
    const value: unknown = (event as Record<string, unknown>)[key];
    if (value !== undefined) linked[key] = value;
  }
  linked.previousHash = previousHash;
  const hashed = linked as unknown as Omit<EvidenceEvent, 'hash'>;
  return [...chain, { ...hashed, hash: evidenceHash(hashed) }];
}

/**
 * True iff every event's hash matches its content and links to the one before: an altered,
 * removed (other than the last ones) or reordered event makes it false. Cutting events off the end
 * leaves a valid shorter chain; pass the head hash kept elsewhere as `expectedHeadHash` to detect that too.
 */
export function verifyChain(chain: readonly EvidenceEvent[], expectedHeadHash?: string): boolean {
  let previousHash = GENESIS_HASH;
  for (const event of chain) {
    if (event.previousHash !== previousHash || event.hash !== evidenceHash(event)) {
      return false;
    }
    previousHash = event.hash;
  }
  return expectedHeadHash === undefined || expectedHeadHash === previousHash;
}
