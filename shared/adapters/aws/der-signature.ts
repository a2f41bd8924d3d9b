/**
 * R12: KMS answers ECDSA signatures in DER; JWS wants r ‖ s. Used by the KMS evidence signer through
 * `#kms-sdk`, so that in the Lambda bundles it ships in the KMS side file, loaded on first signature.
 */
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
