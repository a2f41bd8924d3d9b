import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smsSegments } from '../../../shared/adapters/sms-segments.ts';

describe('smsSegments', () => {
  it('counts GSM-7 text: 160 septets in one segment, then 153 per part', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, length: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, length: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension-table character as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, length: 160 });
    expect(smsSegments(`${'a'.repeat(159)}{`)).toEqual({ encoding: 'GSM-7', segments: 2, length: 161 });
  });

  it('never splits an escape sequence between two parts', () => {
    // 152 + (€ does not fit in part 1) → part 2: € + 151, part 3: 1.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', segments: 3, length: 306 });
  });

  it('keeps the accented letters of the GSM-7 alphabet and leaves it for any other', () => {
    expect(smsSegments('àéèùìòÇÉÄÖÑÜäöñüß').encoding).toBe('GSM-7');
    expect(smsSegments('Reçu').encoding).toBe('UCS-2');
    expect(smsSegments('fenêtre').encoding).toBe('UCS-2');
    expect(smsSegments('Kişisel').encoding).toBe('UCS-2');
  });

  it('counts UCS-2 text: 70 code units in one segment, then 67 per part', () => {
    expect(smsSegments('я'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, length: 70 });
    expect(smsSegments('я'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, length: 71 });
    expect(smsSegments('я'.repeat(134)).segments).toBe(2);
    expect(smsSegments('я'.repeat(135)).segments).toBe(3);
  });

  it('counts a character outside the BMP as two code units, never split', () => {
    expect(smsSegments('🙂')).toEqual({ encoding: 'UCS-2', segments: 1, length: 2 });
    expect(smsSegments(`${'я'.repeat(66)}🙂${'я'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', segments: 3, length: 134 });
  });

  it('gives no segment for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, length: 0 });
  });

  it('matches the closed form for any GSM-7 basic text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .,:@£$!?\n]{1,500}$/), (text) => {
        const { segments, length } = smsSegments(text);
        expect(length).toBe(text.length);
        expect(segments).toBe(length <= 160 ? 1 : Math.ceil(length / 153));
      }),
    );
  });
});
