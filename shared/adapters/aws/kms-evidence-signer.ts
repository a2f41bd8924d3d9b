/**
 * The evidence key in the cloud (R12): a KMS asymmetric key, ECC_NIST_P256, SIGN_VERIFY; the
 * private key never leaves KMS. The office and sweep functions may call kms:Sign on it, the
 * applicant-facing api only kms:GetPublicKey (Data stack).
 * KMS signs the SHA-256 digest of the JWS signing input (MessageType DIGEST, so inputs over KMS's
 * 4 KiB message limit are fine) and answers a DER ECDSA signature, turned into JOSE's r ‖ s
 * (der-signature.ts, shipped with the KMS client in its side file).
 * Rotation: a new key becomes current; the old key ids stay listed so the JWKS keeps their public keys.
 */
import { createHash } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { type KmsSdk, loadKmsSdk } from '#kms-sdk';
import type { EvidenceSigner, PublicEvidenceKey } from '../../ports.ts';

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
    return (await this.kms()).derToJoseSignature(result.Signature);
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
    const { client, GetPublicKeyCommand, publicKeyFromSpki } = await this.kms();
    const result = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (result.PublicKey === undefined) throw new Error(`KMS answered no public key for ${keyId}.`);
    return publicKeyFromSpki(result.PublicKey);
  }
}
