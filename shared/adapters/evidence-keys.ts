/**
 * What both evidence signers (KMS in the cloud, a key pair locally) share: the public key as the
 * JWKS serves it (R12).
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { PublicEvidenceKey } from '../ports.ts';

/** The public part of a P-256 key as the JWKS serves it, `kid` its RFC 7638 thumbprint. */
export async function publicEvidenceKey(publicKey: KeyObject): Promise<PublicEvidenceKey> {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError('An evidence key is a P-256 (ECC_NIST_P256) key.');
  }
  // RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace (a test
  // checks it against jose's calculateJwkThumbprint; jose itself stays out of the Lambda bundles).
  const members = JSON.stringify({ crv: 'P-256', kty: 'EC', x: jwk.x, y: jwk.y });
  const kid = createHash('sha256').update(members).digest('base64url');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' };
}

