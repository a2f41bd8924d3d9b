import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECISION_OUTCOMES, DOCUMENT_TYPES, LANGUAGES, RTL_LANGUAGES } from '../../shared/domain/types.ts';
import { DOCUMENT_LABELS } from '../../shared/domain/documents.ts';
import { CATALOGUES, LANGUAGE_NAMES, REVIEWED_LANGUAGES, catalogueFor, directionOf, negotiateLanguage } from '../../shared/http/i18n/index.ts';
import { fr } from '../../shared/http/i18n/fr.ts';

/** Every key path of a catalogue: `docType.decision`, `unreadBanner`, … */
function keyPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, entry]) =>
    typeof entry === 'object' && entry !== null ? keyPaths(entry as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaves(value: object): unknown[] {
  return Object.values(value).flatMap((entry) => (typeof entry === 'object' && entry !== null ? leaves(entry as object) : [entry]));
}

describe('message catalogues', () => {
  it('exist for every supported language', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGUAGES].sort());
  });

  it('name each language in the language switch as its own catalogue does', () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) expect(LANGUAGE_NAMES[language], language).toBe(catalogueFor(language).languageName);
  });

  it.each(LANGUAGES)('%s has every key of the French catalogue, and no other', (language) => {
    expect(keyPaths(CATALOGUES[language]).sort()).toEqual(keyPaths(fr).sort());
  });

  it.each(LANGUAGES)('%s leaves nothing empty, and its messages with numbers or dates use them', (language) => {
    for (const entry of leaves(CATALOGUES[language])) {
      if (typeof entry === 'string') expect(entry.trim()).not.toBe('');
      else if (typeof entry === 'function') {
        const rendered = String((entry as (arg: never) => string)(7 as never));
        expect(rendered).toContain('7');
      } else throw new Error(`unexpected catalogue entry ${String(entry)}`);
    }
  });

  it('labels every document type (R2) and decision outcome (R7) in every language', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOGUES[language].docType).sort()).toEqual([...DOCUMENT_TYPES].sort());
      expect(Object.keys(CATALOGUES[language].outcome).sort()).toEqual([...DECISION_OUTCOMES].sort());
    }
  });

  it('use docs/rules.md R2’s French and English labels', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(CATALOGUES.fr.docType[type]).toBe(DOCUMENT_LABELS[type].fr);
      expect(CATALOGUES.en.docType[type]).toBe(DOCUMENT_LABELS[type].en);
    }
  });

  it('use the guide’s words in French: "Lu le", "Pli notifié"', () => {
    expect(fr.statusReadOn('21/04/2023')).toBe('Lu le 21/04/2023');
    expect(fr.notified).toBe('Pli notifié');
  });

  it('are right to left exactly for Arabic, Dari and Pashto', () => {
    expect(LANGUAGES.filter((language) => directionOf(language) === 'rtl')).toEqual([...RTL_LANGUAGES]);
  });
});

describe('TRANSLATIONS.md', () => {
  it('lists every language not yet reviewed by a native speaker, and only those', () => {
    const document = readFileSync(new URL('../../TRANSLATIONS.md', import.meta.url), 'utf8');
    const needingReview = [...document.matchAll(/^\| `([a-z]{2,3})` \|.*\| needs review[^|]*\|$/gm)].map((m) => m[1]);

    expect(needingReview.sort()).toEqual(LANGUAGES.filter((l) => !REVIEWED_LANGUAGES.includes(l)).sort());
  });
});

describe('negotiateLanguage', () => {
  it('picks the best supported language of Accept-Language', () => {
    expect(negotiateLanguage('de-DE,de;q=0.9,ti;q=0.8,en;q=0.7')).toBe('ti');
    expect(negotiateLanguage('fa-AF,fa;q=0.9')).toBe('prs');
    expect(negotiateLanguage('en;q=0.1,ru;q=0.5')).toBe('ru');
    expect(negotiateLanguage('de')).toBeNull();
    expect(negotiateLanguage(undefined)).toBeNull();
  });
});
