/**
 * Identifiers and secrets' shapes (docs/api.md "Identifiers"): AGDREF and office file numbers, the
 * password policy, French mobile numbers, e-mail addresses and connection keys.
 */

export const PASSWORD_RULES = ['minLength', 'lowercase', 'uppercase', 'digit', 'special'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export const PASSWORD_MIN_LENGTH = 12;
/** The special characters of the applicant guide's policy. */
export const PASSWORD_SPECIALS = '&?*$+=/;';

const PASSWORD_CHECKS: Readonly<Record<PasswordRule, (password: string) => boolean>> = {
  // Counted in characters (code points), not UTF-16 units.
  minLength: (pw) => [...pw].length >= PASSWORD_MIN_LENGTH,
  lowercase: (pw) => /\p{Ll}/u.test(pw),
  uppercase: (pw) => /\p{Lu}/u.test(pw),
  digit: (pw) => /[0-9]/.test(pw),
  special: (pw) => [...PASSWORD_SPECIALS].some((c) => pw.includes(c)),
};

/**
 * The policy rules a password does not meet, in PASSWORD_RULES order; empty when it is acceptable.
 * @example passwordPolicyFailures('short') // ['minLength', 'uppercase', 'digit', 'special']
 */
export function passwordPolicyFailures(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !PASSWORD_CHECKS[rule](password));
}

/**
 * Digits typed in the applicant's own script, made ASCII (docs/api.md "Text and identifiers"): phones set
 * to Arabic, Dari, Pashto or Bengali type Arabic-Indic (U+0660–0669), Extended Arabic-Indic
 * (U+06F0–06F9) or Bengali (U+09E6–09EF) digits by default. Everything else is left as it is.
 * @example asciiDigits('٧٥١٢٣٤٠٠٠١') // '7512340001'
 */
export function asciiDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06F0-\u06F9\u09E6-\u09EF]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= 0x09e6 ? 0x09e6 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

/**
 * An AGDREF or office file number as typed: digits of any script above made ASCII, and the spaces,
 * dots and dashes people type between groups dropped when nothing else is there.
 * @example normalizeIdentifier(' ۷۵۱ ۲۳۴ ۰۰۰۱ ') // '7512340001'
 */
export function normalizeIdentifier(input: string): string {
  const typed = asciiDigits(input).trim();
  return /^[0-9][0-9 .-]*$/.test(typed) ? typed.replace(/[ .-]/g, '') : typed;
}

/** An AGDREF number's shape: exactly 10 digits (ASCII, after `normalizeIdentifier`). The one definition. */
export const AGDREF_PATTERN = /^[0-9]{10}$/;

/** AGDREF number: exactly 10 digits. */
export function isAgdref(value: string): boolean {
  return AGDREF_PATTERN.test(value);
}

/** Office (OFPRA) file number: 6 to 12 digits in the pilot. */
export function isOfpraFileNumber(value: string): boolean {
  return /^[0-9]{6,12}$/.test(value);
}

/**
 * A French mobile number in E.164 (`+336XXXXXXXX` / `+337XXXXXXXX`), or null if `input` is not
 * one: `06…`/`07…` (10 digits) or `+336…`/`+337…` (9 digits after +33), spaces and dots allowed.
 * Landlines (01–05), 08 and 09 numbers are refused: they cannot receive an SMS.
 * @example normalizeFrenchMobile('06 12.34 56 78') // '+33612345678'
 */
export function normalizeFrenchMobile(input: string): string | null {
  const compact = asciiDigits(input).trim().replace(/[ .]/g, '');
  const match = /^(?:0|\+33)([67][0-9]{8})$/.exec(compact);
  return match ? `+33${match[1]}` : null;
}

export const EMAIL_MAX_LENGTH = 254;

/** A pragmatic e-mail check: one `@`, something before it, a dotted domain, no spaces, ≤ 254 characters. */
export function isEmail(value: string): boolean {
  if (value.length > EMAIL_MAX_LENGTH) return false;
  const match = /^([^\s@]+)@([^\s@]+)$/.exec(value);
  if (!match) return false;
  const domain = match[2] ?? '';
  return domain.split('.').length >= 2 && domain.split('.').every((label) => label.length > 0);
}

/**
 * Connection-key symbols: Crockford's base32 (digits and upper-case letters without I, L, O, U,
 * which are easily misread). 16 symbols of 5 bits each = 80 bits.
 */
export const CONNECTION_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CONNECTION_KEY_LENGTH = 16;
const CONNECTION_KEY_GROUP = 4;

/** Crockford's decoding of the look-alikes the alphabet leaves out: O is 0, I and L are 1. */
const CROCKFORD_LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * The form an applicant types or reads back, reduced to the stored form with Crockford base-32
 * rules (docs/api.md "Text and identifiers"): case-insensitive, `O` read as `0`, `I` and `L` as `1`,
 * spaces and dashes ignored, digits of the applicant's script made ASCII.
 * @example normalizeConnectionKey(' k7qf-9m2x pr4d-8ztw ') // 'K7QF9M2XPR4D8ZTW'
 * @example normalizeConnectionKey('OIL0') // '0110'
 */
export function normalizeConnectionKey(input: string): string {
  return asciiDigits(input)
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[OIL]/g, (letter) => CROCKFORD_LOOK_ALIKES[letter] ?? letter);
}

/**
 * The key grouped by four for reading.
 * @example formatConnectionKey('K7QF9M2XPR4D8ZTW') // 'K7QF-9M2X-PR4D-8ZTW'
 */
export function formatConnectionKey(raw: string): string {
  const key = normalizeConnectionKey(raw);
  const groups: string[] = [];
  for (let i = 0; i < key.length; i += CONNECTION_KEY_GROUP) {
    groups.push(key.slice(i, i + CONNECTION_KEY_GROUP));
  }
  return groups.join('-');
}

/** True iff the normalised input has the shape of a generated key (16 symbols of the alphabet). */
export function isConnectionKeyShape(input: string): boolean {
  const key = normalizeConnectionKey(input);
  return key.length === CONNECTION_KEY_LENGTH && [...key].every((c) => CONNECTION_KEY_ALPHABET.includes(c));
}
