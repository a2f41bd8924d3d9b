import { describe, expect, it } from 'vitest';
import {
  CONNECTION_KEY_ALPHABET,
  asciiDigits,
  CONNECTION_KEY_LENGTH,
  formatConnectionKey,
  isAgdref,
  isConnectionKeyShape,
  isEmail,
  isOfpraFileNumber,
  normalizeConnectionKey,
  normalizeFrenchMobile,
  normalizeIdentifier,
  passwordPolicyFailures,
} from '../../../shared/domain/identity.ts';

describe('passwordPolicyFailures', () => {
  it('accepts a password meeting every rule of the applicant guide', () => {
    expect(passwordPolicyFailures('Correct;horse7b')).toEqual([]);
  });

  it('names every unmet rule, in policy order', () => {
    expect(passwordPolicyFailures('short')).toEqual(['minLength', 'uppercase', 'digit', 'special']);
    expect(passwordPolicyFailures('')).toEqual(['minLength', 'lowercase', 'uppercase', 'digit', 'special']);
  });

  it('requires at least 12 characters', () => {
    expect(passwordPolicyFailures('Abcdefgh7&x')).toEqual(['minLength']);
    expect(passwordPolicyFailures('Abcdefgh7&xy')).toEqual([]);
  });

  it.each([
    ['lowercase', 'ABCDEFGH7&XY'],
    ['uppercase', 'abcdefgh7&xy'],
    ['digit', 'Abcdefghi&xy'],
    ['special', 'Abcdefgh7xyz'],
  ])('requires a %s character', (rule, password) => {
    expect(passwordPolicyFailures(password)).toEqual([rule]);
  });

  it.each(['&', '?', '*', '$', '+', '=', '/', ';'])('accepts %s as the special character', (special) => {
    expect(passwordPolicyFailures(`Abcdefgh7xy${special}`)).toEqual([]);
  });

  it.each(['#', '!', '@', '-', ' '])('does not count %j as a special character of the policy', (other) => {
    expect(passwordPolicyFailures(`Abcdefgh7xy${other}`)).toEqual(['special']);
  });

  it('counts accented letters as lower- and upper-case letters', () => {
    expect(passwordPolicyFailures('ÉLÉPHANT7&éé')).toEqual([]);
  });
});

describe('isAgdref', () => {
  it('accepts exactly 10 digits', () => {
    expect(isAgdref('0123456789')).toBe(true);
  });

  it.each(['012345678', '01234567890', '01234567a9', ' 0123456789', '0123456789\n', '٠١٢٣٤٥٦٧٨٩', ''])('refuses %j', (value) => {
    expect(isAgdref(value)).toBe(false);
  });
});

describe('isOfpraFileNumber', () => {
  it('accepts 6 to 12 digits', () => {
    expect(isOfpraFileNumber('123456')).toBe(true);
    expect(isOfpraFileNumber('123456789012')).toBe(true);
  });

  it.each(['12345', '1234567890123', '12345a', 'OFPRA-123456', ''])('refuses %j', (value) => {
    expect(isOfpraFileNumber(value)).toBe(false);
  });
});

describe('normalizeFrenchMobile', () => {
  it.each([
    ['0612345678', '+33612345678'],
    ['0712345678', '+33712345678'],
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    [' 07 12.34 56 78 ', '+33712345678'],
    ['+33612345678', '+33612345678'],
    ['+33 7 12 34 56 78', '+33712345678'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalizeFrenchMobile(input)).toBe(expected);
  });

  it.each([
    '0112345678', // landline
    '0512345678', // landline
    '0812345678', // special rate
    '0912345678', // VoIP
    '+33112345678',
    '061234567', // too short
    '06123456789', // too long
    '+3361234567',
    '0033612345678',
    '+44612345678',
    '06-12-34-56-78',
    '6 12 34 56 78',
    '',
  ])('refuses %j', (input) => {
    expect(normalizeFrenchMobile(input)).toBeNull();
  });
});

describe('isEmail', () => {
  it.each(['a@example.org', 'prenom.nom+tag@sub.example.fr', 'x@a.b'])('accepts %j', (value) => {
    expect(isEmail(value)).toBe(true);
  });

  it.each(['a@b', 'a@@example.org', 'a@b@example.org', '@example.org', 'a@', 'a b@example.org', 'a@example .org', 'a@.org', 'a@example.', 'a@example..org', ''])(
    'refuses %j',
    (value) => {
      expect(isEmail(value)).toBe(false);
    },
  );

  it('accepts 254 characters and refuses 255', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(63)}.org`;
    const at255 = `${'a'.repeat(65)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(63)}.org`;

    expect(at254).toHaveLength(254);
    expect(isEmail(at254)).toBe(true);
    expect(isEmail(at255)).toBe(false);
  });
});

describe('connection keys', () => {
  it('uses 32 distinct symbols without I, L, O, U', () => {
    expect(new Set(CONNECTION_KEY_ALPHABET).size).toBe(32);
    expect(CONNECTION_KEY_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('carries at least 80 bits (16 symbols of 5 bits)', () => {
    expect(CONNECTION_KEY_LENGTH * Math.log2(CONNECTION_KEY_ALPHABET.length)).toBeGreaterThanOrEqual(80);
  });

  it('groups a key by four for reading', () => {
    expect(formatConnectionKey('K7QF9M2XPR4D8ZTW')).toBe('K7QF-9M2X-PR4D-8ZTW');
  });

  it('normalises what an applicant types: case, spaces and dashes', () => {
    expect(normalizeConnectionKey(' k7qf-9m2x pr4d-8ztw ')).toBe('K7QF9M2XPR4D8ZTW');
  });

  it('formats and normalises back to the same key', () => {
    const raw = 'ABCDEFGHJKMNPQRS';

    expect(normalizeConnectionKey(formatConnectionKey(raw))).toBe(raw);
    expect(formatConnectionKey(formatConnectionKey(raw))).toBe(formatConnectionKey(raw));
  });

  it('recognises the shape of a generated key', () => {
    expect(isConnectionKeyShape('k7qf-9m2x-pr4d-8ztw')).toBe(true);
    expect(isConnectionKeyShape('K7QF-9M2X-PR4D')).toBe(false);
    expect(isConnectionKeyShape('K7QF-9M2X-PR4U-8ZTW')).toBe(false);
  });

  it('reads look-alikes with Crockford base-32 rules: O as 0, I and L as 1, any case', () => {
    expect(normalizeConnectionKey('k7qf-9m2x-pl4d-8ztw')).toBe('K7QF9M2XP14D8ZTW');
    expect(normalizeConnectionKey('O0-Ii-Ll')).toBe('001111');
    expect(isConnectionKeyShape('K7QF-9M2X-PL4D-8ZTW')).toBe(true);
  });
});

describe('asciiDigits and normalizeIdentifier', () => {
  it('reads Arabic-Indic, Extended Arabic-Indic and Bengali digits as ASCII digits', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(asciiDigits('০১২৩৪৫৬৭৮৯')).toBe('0123456789');
    expect(asciiDigits('a٧b')).toBe('a7b');
  });

  it('normalises an AGDREF typed in Persian digits with spaces to the stored form', () => {
    expect(normalizeIdentifier(' ۷۵۱ ۲۳۴ ۰۰۰۱ ')).toBe('7512340001');
    expect(isAgdref(normalizeIdentifier('٧٥١٢٣٤٠٠٠١'))).toBe(true);
  });

  it('reads a French mobile typed in Bengali digits', () => {
    expect(normalizeFrenchMobile('০৬ ১২ ৩৪ ৫৬ ৭৮')).toBe('+33612345678');
    expect(normalizeFrenchMobile('٠٧.١٢.٣٤.٥٦.٧٨')).toBe('+33712345678');
  });
});
