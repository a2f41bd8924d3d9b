/**
 * R12 evidence: each letter's append-only, hash-chained list of events. Each event's `hash` is the
 * SHA-256 (hex) of the canonical JSON of the event without its `hash`, `previousHash` included;
 * the first event's `previousHash` is 64 zeros (API.md).
 */
import { createHash } from 'node:crypto';
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
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      }
      return `{${Object.keys(value)
        .sort()
        .flatMap((key) => {
          const item: unknown = (value as Record<string, unknown>)[key];
          return item === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(item)}`];
        })
        .join(',')}}`;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/** SHA-256 hex of the canonical JSON of `event` without its `hash` (its `previousHash` included). */
export function evidenceHash(event: Omit<EvidenceEvent, 'hash'> | EvidenceEvent): string {
  const { hash: _hash, ...hashed } = event as EvidenceEvent;
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}

/** A new chain with `event` appended, linked to the last event (or to GENESIS_HASH) and hashed. */
export function appendEvidence(
  chain: readonly EvidenceEvent[],
  event: Omit<EvidenceEvent, 'hash' | 'previousHash'>,
): EvidenceEvent[] {
  const previousHash = chain.at(-1)?.hash ?? GENESIS_HASH;
  const defined = Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)) as Omit<
    EvidenceEvent,
    'hash' | 'previousHash'
  >;
  const linked = { ...defined, previousHash };
  return [...chain, { ...linked, hash: evidenceHash(linked) }];
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
