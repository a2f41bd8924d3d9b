/**
 * R12 daily checkpoints: a Merkle tree over every letter's chain head, as RFC 9162 (Certificate
 * Transparency v2) §2.1 defines it, so an outsider can check an inclusion proof with any SHA-256:
 * a leaf hashes `0x00 ‖ JCS({count, documentId, hash})`, an inner node `0x01 ‖ left ‖ right`,
 * the empty tree is SHA-256 of nothing, and a tree of n leaves splits at the largest power of two
 * below n. Leaves are ordered by document id (string order), so the tree of a set of heads is one.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from './evidence.ts';

/** One leaf: a letter's chain head as committed. */
export interface MerkleLeaf {
  readonly documentId: string;
  readonly count: number;
  readonly hash: string;
}

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

function sha256(...parts: Uint8Array[]): Buffer {
  return hash('sha256', Buffer.concat(parts), 'buffer');
}

/** RFC 9162 leaf hash (hex) of a head: SHA-256(0x00 ‖ JCS({count, documentId, hash})). */
export function leafHash(leaf: MerkleLeaf): string {
  const data = canonicalJson({ count: leaf.count, documentId: leaf.documentId, hash: leaf.hash });
  return sha256(LEAF_PREFIX, Buffer.from(data, 'utf8')).toString('hex');
}

/** RFC 9162 inner node (hex): SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: string, right: string): string {
  return sha256(NODE_PREFIX, Buffer.from(left, 'hex'), Buffer.from(right, 'hex')).toString('hex');
}

/** The leaves in tree order: by document id. */
export function orderLeaves(leaves: readonly MerkleLeaf[]): MerkleLeaf[] {
  return [...leaves].sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
}

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes (hex), RFC 9162 §2.1.1. */
function treeHash(hashes: readonly string[]): string {
  if (hashes.length === 0) return sha256().toString('hex');
  if (hashes.length === 1) return hashes[0] as string;
  const k = split(hashes.length);
  return nodeHash(treeHash(hashes.slice(0, k)), treeHash(hashes.slice(k)));
}

/** The root (hex) of the tree of `leaves`, taken in tree order. */
export function merkleRoot(leaves: readonly MerkleLeaf[]): string {
  return treeHash(orderLeaves(leaves).map(leafHash));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1 over leaf hashes. */
function path(index: number, hashes: readonly string[]): string[] {
  if (hashes.length <= 1) return [];
  const k = split(hashes.length);
  return index < k
    ? [...path(index, hashes.slice(0, k)), treeHash(hashes.slice(k))]
    : [...path(index - k, hashes.slice(k)), treeHash(hashes.slice(0, k))];
}

/**
 * The inclusion proof of the letter `documentId` in the tree of `leaves`: its leaf, its index in
 * tree order and the audit path (hex, leaf side first), or null if the tree has no such letter.
 */
export function inclusionProof(
  leaves: readonly MerkleLeaf[],
  documentId: string,
): { readonly leaf: MerkleLeaf; readonly leafIndex: number; readonly proof: string[] } | null {
  const ordered = orderLeaves(leaves);
  const leafIndex = ordered.findIndex((leaf) => leaf.documentId === documentId);
  const leaf = ordered[leafIndex];
  if (leaf === undefined) return null;
  return { leaf, leafIndex, proof: path(leafIndex, ordered.map(leafHash)) };
}

/**
 * RFC 9162 §2.1.3.2: the root that `proof` leads to from leaf `leafIndex` (hash `leafHashHex`) in
 * a tree of `treeSize` leaves, or null when the proof has the wrong length for that position.
 */
export function rootFromInclusionProof(leafHashHex: string, leafIndex: number, treeSize: number, proof: readonly string[]): string | null {
  if (!Number.isInteger(leafIndex) || !Number.isInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHashHex;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}
