/**
 * SMS segment counting (GSM 03.38 / UCS-2): what an SMS text costs when a provider sends it. Used
 * by the simulator's SMS cost estimate and by the check that every alert SMS fits one segment
 * (test/unit/alerts/alert-messages.test.ts); it describes the SMS channel, not the alerts' words.
 */

/** GSM 03.38 default alphabet (127 characters; the 128th code is the escape to the extension table). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: each costs two septets (escape + character). */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export interface SmsSegments {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** How many SMS the text is sent as (0 for an empty text). */
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly length: number;
}

/**
 * How an SMS text is encoded and how many segments it costs: GSM-7 when every character is in
 * the default alphabet or its extension table (which costs two septets), 160 septets in one
 * segment or 153 per part when concatenated; otherwise UCS-2, 70 code units in one segment or
 * 67 per part. Parts never split an escape sequence or a surrogate pair.
 *
 * @example smsSegments('Bonjour') // { encoding: 'GSM-7', segments: 1, length: 7 }
 */
export function smsSegments(text: string): SmsSegments {
  const characters = [...text];
  const gsm = characters.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const units = gsm ? characters.map((c) => (GSM7_EXTENSION.has(c) ? 2 : 1)) : characters.map((c) => c.length);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const length = units.reduce((sum, n) => sum + n, 0);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', segments: segmentCount(units, length, single, part), length };
}

function segmentCount(units: readonly number[], length: number, single: number, part: number): number {
  if (length === 0) return 0;
  if (length <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > part) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return segments;
}
