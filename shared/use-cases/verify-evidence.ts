/**
 * R12: checks an evidence export offline — no store, no network — as a third party would
 * (`npm run verify-evidence -- EXPORT.json --keys JWKS.json`, docs/evidence.md): the chain, the
 * head, the signature and, when present, the checkpoint and its inclusion proof.
 */
import { createLocalJWKSet, flattenedVerify, type JSONWebKeySet } from 'jose';
import { GENESIS_HASH, chainProblem } from '../domain/evidence.ts';
import { leafHash, rootFromInclusionProof } from '../domain/merkle.ts';
import type { EvidenceEvent, EvidenceHead } from '../domain/types.ts';
import { base64url, signedPayload } from './evidence-seal.ts';

export type EvidenceVerdict = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/** The input is not an evidence export or not a key set at all (as opposed to one that fails its checks). */
export class UnreadableEvidenceError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const HEX64 = /^[0-9a-f]{64}$/;

function unreadable(what: string): never {
  throw new UnreadableEvidenceError(what);
}

/** The parts of an export the checks need, or UnreadableEvidenceError if it is not one. */
function readExport(value: unknown): { document: Json; events: EvidenceEvent[]; head: EvidenceHead & Json; signature: string; checkpoint: Json | null } {
  if (!isObject(value)) unreadable('the export is not a JSON object');
  const { document, events, head, signature, checkpoint } = value;
  if (!isObject(document)) unreadable('the export has no `document` object');
  if (!Array.isArray(events) || !events.every(isObject)) unreadable('the export has no `events` array of objects');
  if (!isObject(head) || typeof head.count !== 'number' || typeof head.hash !== 'string') unreadable('the export has no `head` {count, hash}');
  if (typeof signature !== 'string') unreadable('the export has no `signature` string');
  if (checkpoint !== undefined && !isObject(checkpoint)) unreadable('the export\'s `checkpoint` is not an object');
  return {
    document,
    events: events as unknown as EvidenceEvent[],
    head: head as EvidenceHead & Json,
    signature,
    checkpoint: checkpoint === undefined ? null : checkpoint,
  };
}

/** The key set, or UnreadableEvidenceError. */
function readKeys(value: unknown): JSONWebKeySet {
  if (!isObject(value) || !Array.isArray(value.keys) || !value.keys.every(isObject)) unreadable('the key set is not a JWKS ({"keys": […]})');
  return value as unknown as JSONWebKeySet;
}

/** Why the detached compact JWS `jws` does not sign the JCS of `payload` with a key of `keys`, or null. */
async function signatureProblem(jws: string, payload: unknown, keys: JSONWebKeySet): Promise<string | null> {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || parts[0] === '' || parts[2] === '') return 'it is not a compact JWS with detached payload';
  const [protectedHeader = '', , signature = ''] = parts;
  try {
    await flattenedVerify({ protected: protectedHeader, payload: base64url(signedPayload(payload)), signature }, createLocalJWKSet(keys), {
      algorithms: ['ES256'],
    });
    return null;
  } catch (error) {
    const code = isObject(error) && typeof error.code === 'string' ? error.code : '';
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'it was made by none of the given keys';
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'it does not match the content';
    return `it cannot be checked (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Why the checkpoint part does not prove this letter's head was committed, or null. */
async function checkpointProblem(part: Json, documentId: unknown, events: readonly EvidenceEvent[], keys: JSONWebKeySet): Promise<string | null> {
  const { checkpoint, signature, leaf, leafIndex, proof } = part;
  if (!isObject(checkpoint) || typeof checkpoint.rootHash !== 'string' || typeof checkpoint.treeSize !== 'number') {
    return 'checkpoint: no signed body with rootHash and treeSize';
  }
  if (typeof signature !== 'string') return 'checkpoint: no signature';
  const signed = await signatureProblem(signature, checkpoint, keys);
  if (signed !== null) return `checkpoint signature: ${signed}`;
  if (!isObject(leaf) || typeof leaf.count !== 'number' || typeof leaf.hash !== 'string' || typeof leaf.documentId !== 'string') {
    return 'checkpoint: no leaf {documentId, count, hash}';
  }
  if (leaf.documentId !== documentId) return 'checkpoint: its leaf is another letter\'s';
  if (!Number.isInteger(leaf.count) || leaf.count < 0 || leaf.count > events.length) {
    return `checkpoint: it committed ${String(leaf.count)} events, the export has ${events.length}`;
  }
  const committed = leaf.count === 0 ? GENESIS_HASH : events[leaf.count - 1]?.hash;
  if (committed !== leaf.hash) return `checkpoint: event ${leaf.count} is not the one committed on ${String(checkpoint.date)}`;
  if (typeof leafIndex !== 'number' || !Array.isArray(proof) || !proof.every((step) => typeof step === 'string' && HEX64.test(step))) {
    return 'checkpoint: no leafIndex and proof';
  }
  const root = rootFromInclusionProof(
    leafHash({ documentId: leaf.documentId, count: leaf.count, hash: leaf.hash }),
    leafIndex,
    checkpoint.treeSize,
    proof as string[],
  );
  if (root !== checkpoint.rootHash) return 'checkpoint: the inclusion proof does not lead to the signed root';
  return null;
}

/**
 * R12: whether `exported` (a parsed export) is intact and signed by one of `keys` (a parsed
 * JWKS). Checks, in order: the chain links and hashes, the head, the signature over
 * `{document, events, head}`, then the checkpoint signature, the committed head being a prefix of
 * the chain, and the inclusion proof.
 * @throws UnreadableEvidenceError when the input is not an export or not a key set.
 */
export async function verifyEvidence(exported: unknown, keys: unknown): Promise<EvidenceVerdict> {
  const evidence = readExport(exported);
  const keySet = readKeys(keys);
  const chain = chainProblem(evidence.events, evidence.head);
  if (chain !== null) return { valid: false, reason: `chain: ${chain}` };
  if (!HEX64.test(evidence.head.hash)) return { valid: false, reason: 'head: not a SHA-256 hex hash' };
  const signed = await signatureProblem(
    evidence.signature,
    { document: evidence.document, events: evidence.events, head: evidence.head },
    keySet,
  );
  if (signed !== null) return { valid: false, reason: `signature: ${signed}` };
  if (evidence.checkpoint !== null) {
    const proved = await checkpointProblem(evidence.checkpoint, evidence.document.id, evidence.events, keySet);
    if (proved !== null) return { valid: false, reason: proved };
  }
  return { valid: true };
}
