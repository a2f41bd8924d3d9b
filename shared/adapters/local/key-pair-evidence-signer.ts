/**
 * The evidence key of `npm start` (R12): a P-256 key pair generated once and kept in DATA_DIR
 * (private JWK, mode 0600), signing ES256 with node's crypto. Also the in-memory twin of the KMS
 * signer for tests and the simulator (`KeyPairEvidenceSigner.generate()`).
 */
import { type JsonWebKey, type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { EvidenceSigner, PublicEvidenceKey } from '../../ports.ts';
import { publicEvidenceKey } from '../evidence-keys.ts';

export class KeyPairEvidenceSigner implements EvidenceSigner {
  readonly #privateKey: KeyObject;
  readonly #publicKey: Promise<PublicEvidenceKey>;
  readonly #pastKeys: readonly PublicEvidenceKey[];

  /** @param pastKeys public keys that signed before this one (kept in the JWKS). */
  constructor(privateKey: KeyObject, pastKeys: readonly PublicEvidenceKey[] = []) {
    this.#privateKey = privateKey;
    this.#publicKey = publicEvidenceKey(createPublicKey(privateKey));
    this.#pastKeys = pastKeys;
  }

  /** A signer with a fresh key held in memory only. */
  static generate(): KeyPairEvidenceSigner {
    return new KeyPairEvidenceSigner(newP256Key());
  }

  /**
   * The key kept in `file` (a private JWK), generated and written there the first time. The file
   * is created exclusively, so two processes starting at once cannot end up with two keys.
   */
  static async inFile(file: string): Promise<KeyPairEvidenceSigner> {
    try {
      return new KeyPairEvidenceSigner(createPrivateKey({ key: JSON.parse(await readFile(file, 'utf8')) as JsonWebKey, format: 'jwk' }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const privateKey = newP256Key();
    const jwk = privateKey.export({ format: 'jwk' });
    try {
      await writeFile(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return KeyPairEvidenceSigner.inFile(file);
      throw error;
    }
    return new KeyPairEvidenceSigner(privateKey);
  }

  async keyId(): Promise<string> {
    return (await this.#publicKey).kid;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign('sha256', data, { key: this.#privateKey, dsaEncoding: 'ieee-p1363' }));
  }

  async publicKeys(): Promise<readonly PublicEvidenceKey[]> {
    return [await this.#publicKey, ...this.#pastKeys];
  }
}

function newP256Key(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}
