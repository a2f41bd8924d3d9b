/**
 * R12 sealing: compact JWS (RFC 7515) with detached payload (RFC 7515 appendix F) over the JCS
 * canonical JSON (RFC 8785) of what is signed — an export's `{document, events, head}` or a
 * checkpoint's body. The protected header is `{"alg":"ES256","kid":…}`; the signature is made by
 * the EvidenceSigner port (KMS in the cloud, a local key file in `npm start`).
 */
import { canonicalJson } from '../domain/evidence.ts';
import type { EvidenceSigner } from '../ports.ts';

const encoder = new TextEncoder();

/** base64url without padding (RFC 7515 §2). */
export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? encoder.encode(bytes) : bytes).toString('base64url');
}

/** The bytes signed for `payload`: the UTF-8 of its JCS canonical JSON. */
export function signedPayload(payload: unknown): Uint8Array {
  return encoder.encode(canonicalJson(payload));
}

/**
 * `<protected header>..<signature>`: the compact JWS of the JCS of `payload`, its payload
 * segment left empty (detached): a verifier rebuilds it from the export itself.
 */
export async function signDetached(signer: EvidenceSigner, payload: unknown): Promise<string> {
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: await signer.keyId() }));
  const signingInput = `${header}.${base64url(signedPayload(payload))}`;
  const signature = await signer.sign(encoder.encode(signingInput));
  return `${header}..${base64url(signature)}`;
}
