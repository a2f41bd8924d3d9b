/**
 * R12 evidence: each letter's append-only, hash-chained list of events, and the chain head the
 * letter record keeps beside it. Each event's `hash` is the SHA-256 (hex) of the RFC 8785 (JCS)
 * canonical JSON of the event without its `hash`, `previousHash` included; the first event's
 * `previousHash` is 64 zeros (docs/api.md). The head `{count, hash}` is written in the same
 * conditional write as each event, so a chain cut short (its last events dropped) no longer
 * matches it.
 *
 * Migration (docs/evidence.md): chains hashed before JCS was adopted used a home-made canonical
 * JSON (keys sorted by UTF-16 code units, JSON.stringify strings and numbers, no whitespace) that
 * gives the same bytes as RFC 8785 for every event this product writes (flat objects of strings
 * and small integers), so old hashes are re-derived unchanged — proved by
 * test/unit/domain/evidence-migration.test.ts — and no version field is needed.
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EvidenceEvent, EvidenceHead } from './types.ts';

export type { EvidenceHead } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JCS) canonical JSON, by the `canonicalize` library: keys sorted by UTF-16 code units
 * at every depth, ECMAScript number and string serialisation, no whitespace, `undefined`
 * properties omitted. A value JSON cannot represent faithfully (non-finite number, bigint, lone
 * surrogate) is a TypeError rather than a silent change of the signed or hashed content.
 * @example canonicalJson({ b: 1, a: [true, null], c: undefined }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  let json: unknown;
  try {
    json = canonicalize(value);
  } catch (error) {
    throw new TypeError(`canonicalJson: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof json !== 'string') throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  return json;
}

/** SHA-256 hex of `text` (UTF-8). */
export function sha256Hex(text: string | Uint8Array): string {
  return hash('sha256', text, 'hex');
}

/** The event as hashed: every field but `hash`. */
function hashedForm(event: Omit<EvidenceEvent, 'hash'> | EvidenceEvent): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (key !== 'hash') form[key] = value;
  return form;
}

/** SHA-256 hex of the JCS canonical JSON of `event` without its `hash` (its `previousHash` included). */
export function evidenceHash(event: Omit<EvidenceEvent, 'hash'> | EvidenceEvent): string {
  return sha256Hex(canonicalJson(hashedForm(event)));
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

/** The head of `chain` as stored: its length and last hash. */
export function headOf(chain: readonly EvidenceEvent[]): EvidenceHead {
  return { count: chain.length, hash: chain.at(-1)?.hash ?? GENESIS_HASH };
}

/**
 * Why `chain` is not intact, in one line, or null when it is: every event's hash matches its
 * content and links to the one before, and — when `head` is given — the chain has exactly
 * `head.count` events ending in `head.hash` (a dropped last event is detected).
 */
export function chainProblem(chain: readonly EvidenceEvent[], head?: EvidenceHead): string | null {
  let previousHash = GENESIS_HASH;
  for (const [index, event] of chain.entries()) {
    if (event.previousHash !== previousHash) return `event ${index + 1} (${String(event.event)}) does not link to the event before it`;
    if (event.hash !== evidenceHash(event)) return `event ${index + 1} (${String(event.event)}) does not match its hash`;
    previousHash = event.hash;
  }
  if (head === undefined) return null;
  if (head.count !== chain.length) return `the chain has ${chain.length} events but its head says ${head.count}`;
  if (head.hash !== previousHash) return 'the chain does not end in its head hash';
  return null;
}

/**
 * True iff every event's hash matches its content and links to the one before: an altered,
 * removed or reordered event makes it false. Cutting events off the end leaves a valid shorter
 * chain; pass the letter's head to detect that too.
 */
export function verifyChain(chain: readonly EvidenceEvent[], head?: EvidenceHead): boolean {
  return chainProblem(chain, head) === null;
}
