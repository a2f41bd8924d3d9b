import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, merkleRoot, nodeHash, rootFromInclusionProof, type MerkleLeaf } from '../../../shared/domain/merkle.ts';

const sha256 = (...parts: Buffer[]): string => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const leaf = (documentId: string, count = 1): MerkleLeaf => ({ documentId, count, hash: sha256(Buffer.from(documentId)) });

describe('R12 checkpoint Merkle tree (RFC 9162)', () => {
  it('hashes a leaf as SHA-256(0x00 ‖ JCS({count, documentId, hash})) and a node as SHA-256(0x01 ‖ left ‖ right)', () => {
    const a = leaf('A');
    const json = `{"count":1,"documentId":"A","hash":"${a.hash}"}`;

    expect(leafHash(a)).toBe(sha256(Buffer.from([0]), Buffer.from(json)));
    expect(nodeHash('00'.repeat(32), 'ff'.repeat(32))).toBe(sha256(Buffer.from([1]), Buffer.alloc(32, 0), Buffer.alloc(32, 0xff)));
  });

  it('splits three leaves as ((A B) C), ordered by document id, and the empty tree is SHA-256 of nothing', () => {
    const [a, b, c] = [leaf('A'), leaf('B'), leaf('C')];

    expect(merkleRoot([c, a, b])).toBe(nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c)));
    expect(merkleRoot([])).toBe(sha256(Buffer.alloc(0)));
    expect(merkleRoot([a])).toBe(leafHash(a));
  });

  it('gives every leaf of any tree a proof that leads to the root, and none for an altered leaf (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }), fc.nat(), (ids, pick) => {
        const leaves = ids.map((id) => leaf(id, id.length));
        const root = merkleRoot(leaves);
        const id = ids[pick % ids.length] as string;
        const included = inclusionProof(leaves, id);
        if (included === null) return false;
        const fromProof = rootFromInclusionProof(leafHash(included.leaf), included.leafIndex, leaves.length, included.proof);
        const altered = rootFromInclusionProof(leafHash({ ...included.leaf, count: included.leaf.count + 1 }), included.leafIndex, leaves.length, included.proof);
        const elsewhere = leaves.length > 1 ? rootFromInclusionProof(leafHash(included.leaf), (included.leafIndex + 1) % leaves.length, leaves.length, included.proof) : null;
        return fromProof === root && altered !== root && elsewhere !== root;
      }),
      { numRuns: 300 },
    );
  });

  it('has no proof for a letter the tree does not hold, and refuses an index outside the tree', () => {
    expect(inclusionProof([leaf('A')], 'B')).toBeNull();
    expect(rootFromInclusionProof(leafHash(leaf('A')), 1, 1, [])).toBeNull();
  });
});
