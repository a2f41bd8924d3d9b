/**
 * What both evidence signers (KMS in the cloud, a key pair locally) share: the public key as the
 * JWKS serves it (R12).
 */
import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { PublicEvidenceKey } from '../ports.ts';

/** The public part of a P-256 key as the JWKS serves it, `kid` its RFC 7638 thumbprint. */
export async function publicEvidenceKey(publicKey: KeyObject): Promise<PublicEvidenceKey> {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError('An evidence key is a P-256 (ECC_NIST_P256) key.');
  }
  const kid = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, 'sha256');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' };
}

