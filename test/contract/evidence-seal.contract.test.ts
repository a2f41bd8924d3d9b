import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdtemp, readFile, appendFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { derToJoseSignature } from '../../shared/adapters/aws/der-signature.ts';
import { KmsEvidenceSigner } from '../../shared/adapters/aws/kms-evidence-signer.ts';
import { S3CheckpointStore } from '../../shared/adapters/aws/s3-checkpoint-store.ts';
import { FileCheckpointStore } from '../../shared/adapters/local/file-checkpoint-store.ts';
import { KeyPairEvidenceSigner } from '../../shared/adapters/local/key-pair-evidence-signer.ts';
import { InMemoryCheckpointStore } from '../../shared/adapters/memory/memory-checkpoint-store.ts';
import type { CheckpointStore, EvidenceSigner, SignedCheckpoint } from '../../shared/ports.ts';
import { base64url, signDetached, signedPayload } from '../../shared/use-cases/evidence-seal.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OLD_KEY_ARN = 'arn:aws:kms:eu-west-3:111122223333:key/0000abcd-12ab-34cd-56ef-1234567890ab';

/** A real P-256 key standing for the one inside KMS: the mock answers what KMS would (DER signatures, SPKI public key). */
function aKmsKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
}

/** The detached JWS made whole again (the payload put back), verified by jose with the public JWK. */
async function joseVerifies(jws: string, payload: unknown, jwk: object): Promise<boolean> {
  const [header, , signature] = jws.split('.');
  try {
    await compactVerify(`${header}.${base64url(signedPayload(payload))}.${signature}`, await importJWK({ ...jwk }, 'ES256'));
    return true;
  } catch {
    return false;
  }
}

function signerContract(adapter: string, makeSigner: () => Promise<EvidenceSigner>): void {
  describe(`EvidenceSigner contract (${adapter})`, () => {
    it('R12 signs a detached compact JWS that jose verifies with the published key, and names that key', async () => {
      const signer = await makeSigner();
      const payload = { document: { id: 'DEC-1', label: { fr: 'Décision' } }, events: [], head: { count: 0, hash: '0'.repeat(64) } };

      const jws = await signDetached(signer, payload);
      const [current] = await signer.publicKeys();

      expect(jws).toMatch(/^[\w-]+\.\.[\w-]{86}$/);
      expect(JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'ES256', kid: await signer.keyId() });
      expect(current?.kid).toBe(await signer.keyId());
      expect(current?.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: current?.x ?? '', y: current?.y ?? '' }));
      expect(await joseVerifies(jws, payload, current ?? {})).toBe(true);
      expect(await joseVerifies(jws, { ...payload, head: { count: 1, hash: '0'.repeat(64) } }, current ?? {})).toBe(false);
    });
  });
}

signerContract('local key pair', async () => KeyPairEvidenceSigner.generate());
signerContract('KMS (aws-sdk-client-mock answering with a real P-256 key)', async () => {
  const key = aKmsKey();
  const kms = mockClient(KMSClient);
  // Node cannot sign a bare digest, so this stand-in for KMS knows the message behind each digest
  // it is sent: ECDSA_SHA_256 over SHA-256(m) given as DIGEST is exactly ECDSA-SHA256 over m.
  const preimages = new Map<string, Uint8Array>();
  kms.on(GetPublicKeyCommand).resolves({ PublicKey: key.spki, KeySpec: 'ECC_NIST_P256' });
  kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => ({
    Signature: new Uint8Array(nodeSign('sha256', preimages.get(Buffer.from(input.Message).toString('hex')) ?? new Uint8Array(), { key: key.privateKey, dsaEncoding: 'der' })),
  }));
  const signer = new KmsEvidenceSigner({ client: new KMSClient({}), keyId: KEY_ARN });
  const sign = signer.sign.bind(signer);
  signer.sign = (data) => {
    preimages.set(createHash('sha256').update(data).digest('hex'), data);
    return sign(data);
  };
  return signer;
});

describe('KmsEvidenceSigner requests', () => {
  const kms = mockClient(KMSClient);
  const key = aKmsKey();
  const old = aKmsKey();
  beforeEach(() => {
    kms.reset();
    kms.on(GetPublicKeyCommand, { KeyId: KEY_ARN }).resolves({ PublicKey: key.spki });
    kms.on(GetPublicKeyCommand, { KeyId: OLD_KEY_ARN }).resolves({ PublicKey: old.spki });
    kms.on(SignCommand).resolves({ Signature: new Uint8Array(nodeSign('sha256', Buffer.from('x'), { key: key.privateKey, dsaEncoding: 'der' })) });
  });

  it('R12 asks KMS to sign the SHA-256 digest of the signing input with ECDSA_SHA_256, nothing else', async () => {
    const signer = new KmsEvidenceSigner({ client: new KMSClient({}), keyId: KEY_ARN });
    const data = new TextEncoder().encode('eyJhbGciOiJFUzI1NiJ9.e30');

    await signer.sign(data);

    expect(kms.commandCalls(SignCommand).map((call) => call.args[0].input)).toStrictEqual([
      { KeyId: KEY_ARN, Message: createHash('sha256').update(data).digest(), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' },
    ]);
  });

  it('R12 publishes the current key first and the past keys after it, reading each public key once', async () => {
    const signer = new KmsEvidenceSigner({ client: new KMSClient({}), keyId: KEY_ARN, pastKeyIds: [OLD_KEY_ARN] });

    const keys = await signer.publicKeys();
    await signer.publicKeys();
    await signer.keyId();

    expect(keys.map((k) => k.x)).toEqual([key.publicKey, old.publicKey].map((p) => p.export({ format: 'jwk' }).x));
    expect(keys.every((k) => k.kty === 'EC' && k.crv === 'P-256' && k.alg === 'ES256' && k.use === 'sig')).toBe(true);
    expect(kms.commandCalls(GetPublicKeyCommand).map((call) => call.args[0].input)).toStrictEqual([{ KeyId: KEY_ARN }, { KeyId: OLD_KEY_ARN }]);
  });
});

describe('derToJoseSignature', () => {
  it('R12 turns DER ECDSA signatures into r ‖ s that a real P-256 verification accepts (short and padded integers alike)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    let shortOrPadded = 0;
    for (let i = 0; i < 300; i += 1) {
      const data = Buffer.from(`message ${i}`);
      const der = new Uint8Array(nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
      if (der[3] !== 32 || der[5 + (der[3] ?? 0)] !== 32) shortOrPadded += 1;

      const jose = derToJoseSignature(der);

      expect(jose).toHaveLength(64);
      expect(nodeVerify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose)).toBe(true);
    }
    // A 33-byte integer (leading 0x00) or one shorter than 32 bytes happens in about half the signatures.
    expect(shortOrPadded).toBeGreaterThan(50);
  });

  it('refuses what is not a DER signature', () => {
    expect(() => derToJoseSignature(new Uint8Array([0x31, 0x00]))).toThrow(RangeError);
    expect(() => derToJoseSignature(new Uint8Array([0x30, 0x06, 0x02, 0x01]))).toThrow(RangeError);
  });
});

const aCheckpoint = (at: string, treeSize = 1): SignedCheckpoint => ({
  checkpoint: { type: 'evidence-checkpoint', version: 1, at, date: at.slice(0, 10), treeSize, rootHash: 'a'.repeat(64) },
  signature: 'h..s',
  leaves: [{ documentId: 'DEC-1', count: 1, hash: 'b'.repeat(64) }],
});

function checkpointStoreContract(adapter: string, makeStore: () => Promise<CheckpointStore>): void {
  describe(`CheckpointStore contract (${adapter})`, () => {
    it('R12 has no checkpoint at first, then returns the latest written, whole', async () => {
      const store = await makeStore();
      expect(await store.latest()).toBeNull();

      await store.append(aCheckpoint('2026-11-28T02:00:00.000Z'));
      await store.append(aCheckpoint('2026-11-29T02:00:00.000Z', 2));

      expect(await store.latest()).toEqual(aCheckpoint('2026-11-29T02:00:00.000Z', 2));
    });
  });
}

checkpointStoreContract('in memory', async () => new InMemoryCheckpointStore());
checkpointStoreContract('append-only file', async () => new FileCheckpointStore(join(await mkdtemp(join(tmpdir(), 'checkpoints-')), 'checkpoints.jsonl')));

describe('FileCheckpointStore', () => {
  it('R12 only appends: earlier lines stay byte for byte, and a line cut short by a crash is skipped', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'checkpoints-')), 'checkpoints.jsonl');
    const store = new FileCheckpointStore(file);
    await store.append(aCheckpoint('2026-11-28T02:00:00.000Z'));
    const first = await readFile(file, 'utf8');

    await appendFile(file, '{"checkpoint":{"type":"evid');

    expect(await store.latest()).toEqual(aCheckpoint('2026-11-28T02:00:00.000Z'));
    expect((await readFile(file, 'utf8')).startsWith(first)).toBe(true);
  });
});

describe('KeyPairEvidenceSigner.inFile', () => {
  it('R12 generates the key once in DATA_DIR (mode 0600) and signs with the same key after a restart', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'evidence-key-')), 'evidence-key.jwk');

    const [first, concurrent] = await Promise.all([KeyPairEvidenceSigner.inFile(file), KeyPairEvidenceSigner.inFile(file)]);
    const restarted = await KeyPairEvidenceSigner.inFile(file);

    expect(await concurrent.keyId()).toBe(await first.keyId());
    expect(await restarted.keyId()).toBe(await first.keyId());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('S3CheckpointStore requests', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => s3.reset());

  it('R12 writes one object per checkpoint, write-once, under compliance-mode Object Lock for the retention (default 10 years)', async () => {
    s3.on(PutObjectCommand).resolves({});
    const checkpoint = aCheckpoint('2026-11-30T02:00:00.000Z');

    await new S3CheckpointStore({ client: new S3Client({}), bucket: 'evidence-checkpoints' }).append(checkpoint);
    await new S3CheckpointStore({ client: new S3Client({}), bucket: 'evidence-checkpoints', retentionYears: 30 }).append(checkpoint);

    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toStrictEqual([
      {
        Bucket: 'evidence-checkpoints',
        Key: 'checkpoints/2026-11-30T02:00:00.000Z.json',
        Body: JSON.stringify(checkpoint),
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date('2036-11-30T02:00:00.000Z'),
        ChecksumAlgorithm: 'SHA256',
      },
      expect.objectContaining({ ObjectLockRetainUntilDate: new Date('2056-11-30T02:00:00.000Z') }),
    ]);
  });

  it('R12 reads the checkpoint with the greatest key, following listing pages', async () => {
    s3.on(ListObjectsV2Command, { Bucket: 'b', Prefix: 'checkpoints/' })
      .resolvesOnce({ Contents: [{ Key: 'checkpoints/2026-11-29T02:00:00.000Z.json' }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'checkpoints/2026-11-30T02:00:00.000Z.json' }, { Key: 'checkpoints/2026-11-28T02:00:00.000Z.json' }], IsTruncated: false });
    const latest = aCheckpoint('2026-11-30T02:00:00.000Z');
    s3.on(GetObjectCommand).resolves({ Body: { transformToString: async () => JSON.stringify(latest) } as never });

    expect(await new S3CheckpointStore({ client: new S3Client({}), bucket: 'b' }).latest()).toEqual(latest);
    expect(s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toStrictEqual([
      { Bucket: 'b', Prefix: 'checkpoints/' },
      { Bucket: 'b', Prefix: 'checkpoints/', ContinuationToken: 't' },
    ]);
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toStrictEqual([{ Bucket: 'b', Key: 'checkpoints/2026-11-30T02:00:00.000Z.json' }]);
  });
});
