/**
 * The evidence key in the cloud (R12): a KMS asymmetric key, ECC_NIST_P256, SIGN_VERIFY; the
 * private key never leaves KMS. The office and sweep functions may call kms:Sign on it, the
 * applicant-facing api only kms:GetPublicKey (Data stack).
 * KMS signs the SHA-256 digest of the JWS signing input (MessageType DIGEST, so inputs over KMS's
 * 4 KiB message limit are fine) and answers a DER ECDSA signature, turned into JOSE's r ‖ s here.
 * Rotation: a new key becomes current; the old key ids stay listed so the JWKS keeps their public keys.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { type KmsSdk, loadKmsSdk } from '#kms-sdk';
import type { EvidenceSigner, PublicEvidenceKey } from '../../ports.ts';
import { publicEvidenceKey } from '../evidence-keys.ts';

const P256_BYTES = 32;

/** One DER length field at `offset`: its value and where the content starts. */
function derLength(der: Uint8Array, offset: number): { length: number; start: number } {
  const first = der[offset];
  if (first === undefined) throw new RangeError('DER signature cut short');
  if (first < 0x80) return { length: first, start: offset + 1 };
  const bytes = first & 0x7f;
  if (bytes === 0 || bytes > 2) throw new RangeError('DER signature with an unexpected length');
  let length = 0;
  for (let i = 1; i <= bytes; i += 1) length = (length << 8) | (der[offset + i] ?? 0);
  return { length, start: offset + 1 + bytes };
}

/** A DER INTEGER at `offset` as exactly 32 big-endian bytes, and the offset after it. */
function derInteger(der: Uint8Array, offset: number): { value: Uint8Array; next: number } {
  if (der[offset] !== 0x02) throw new RangeError('DER signature: INTEGER expected');
  const { length, start } = derLength(der, offset + 1);
  let bytes = der.subarray(start, start + length);
  while (bytes.length > P256_BYTES && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > P256_BYTES) throw new RangeError('DER signature: integer longer than 32 bytes');
  const value = new Uint8Array(P256_BYTES);
  value.set(bytes, P256_BYTES - bytes.length);
  return { value, next: start + length };
}

/**
 * An ECDSA P-256 signature from DER (`SEQUENCE { INTEGER r, INTEGER s }`, what KMS answers) to the
 * JOSE form (RFC 7518 §3.4): r and s as 32 big-endian bytes each, concatenated.
 */
export function derToJoseSignature(der: Uint8Array): Uint8Array {
  if (der[0] !== 0x30) throw new RangeError('DER signature: SEQUENCE expected');
  const { start } = derLength(der, 1);
  const r = derInteger(der, start);
  const s = derInteger(der, r.next);
  const jose = new Uint8Array(2 * P256_BYTES);
  jose.set(r.value, 0);
  jose.set(s.value, P256_BYTES);
  return jose;
}

export class KmsEvidenceSigner implements EvidenceSigner {
  private readonly client: KMSClient | undefined;
  private sdk: Promise<KmsSdk> | null = null;
  private readonly currentKeyId: string;
  private readonly pastKeyIds: readonly string[];
  private keys: Promise<readonly PublicEvidenceKey[]> | null = null;

  /**
   * @param options.keyId the current key (id or ARN); `pastKeyIds` the keys it replaced, still published.
   * @param options.client a KMS client; by default one is made on first use (`#kms-sdk`).
   */
  constructor(options: { readonly client?: KMSClient; readonly keyId: string; readonly pastKeyIds?: readonly string[] }) {
    this.client = options.client;
    this.currentKeyId = options.keyId;
    this.pastKeyIds = options.pastKeyIds ?? [];
  }

  async keyId(): Promise<string> {
    const [current] = await this.publicKeys();
    if (current === undefined) throw new Error('No current evidence key.');
    return current.kid;
  }

  /** The SDK, loaded once; the client given at construction, if any, is the one used. */
  private async kms(): Promise<KmsSdk> {
    this.sdk ??= loadKmsSdk().then((sdk) => (this.client === undefined ? sdk : { ...sdk, client: this.client }));
    return this.sdk;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    const { client, SignCommand } = await this.kms();
    const result = await client.send(
      new SignCommand({
        KeyId: this.currentKeyId,
        Message: createHash('sha256').update(data).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (result.Signature === undefined) throw new Error('KMS answered no signature.');
    return derToJoseSignature(result.Signature);
  }

  /** Read once per process (public keys never change for a key id); a failed read is retried next time. */
  publicKeys(): Promise<readonly PublicEvidenceKey[]> {
    this.keys ??= Promise.all([this.currentKeyId, ...this.pastKeyIds].map((id) => this.publicKeyOf(id))).catch((error: unknown) => {
      this.keys = null;
      throw error;
    });
    return this.keys;
  }

  private async publicKeyOf(keyId: string): Promise<PublicEvidenceKey> {
    const { client, GetPublicKeyCommand } = await this.kms();
    const result = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (result.PublicKey === undefined) throw new Error(`KMS answered no public key for ${keyId}.`);
    return publicEvidenceKey(createPublicKey({ key: Buffer.from(result.PublicKey), format: 'der', type: 'spki' }));
  }
}
