import { describe, expect, it } from 'vitest';
import { STYLE_CSS } from '../../shared/http/assets/style-css.ts';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Every text colour of the stylesheet on the background it is used on (WCAG 2.1 AA: ≥ 4.5:1). */
const PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ['body text', '#1a1a1a', '#ffffff'],
  ['links', '#0b4ea2', '#ffffff'],
  ['visited links', '#4c2c92', '#ffffff'],
  ['hover links', '#003078', '#ffffff'],
  ['hints', '#4a4a4a', '#ffffff'],
  ['hints on the grey bands', '#4a4a4a', '#f3f3f6'],
  ['errors, unread status', '#b00020', '#ffffff'],
  ['unread banner', '#ffffff', '#b00020'],
  ['buttons', '#ffffff', '#00703c'],
  ['buttons, hover', '#ffffff', '#005a30'],
  ['secondary buttons', '#1a1a1a', '#e8e8ee'],
  ['header', '#ffffff', '#000091'],
  ['unread count badge', '#b00020', '#ffffff'],
  ['focused links', '#1a1a1a', '#ffdd00'],
  ['warnings', '#1a1a1a', '#fdf0f2'],
  ['notices', '#1a1a1a', '#eef7f1'],
  ['table headings', '#1a1a1a', '#f3f3f6'],
];

describe('colour contrast of the stylesheet (WCAG 2.1 AA)', () => {
  it.each(PAIRS)('%s: %s on %s is at least 4.5:1', (_name, foreground, background) => {
    for (const colour of [foreground, background]) {
      if (colour !== '#ffffff') expect(STYLE_CSS.toLowerCase()).toContain(colour);
    }
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
  });
});
