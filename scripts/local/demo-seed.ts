/**
 * The demo applicant `npm start` seeds on first start: the letters of the guide's document table
 * (introduction; a convocation read late and so deemed notified; a 6-month letter; a rejection
 * read the day after its deposit) plus one unread convocation that shows days left — so every
 * state a letter can be in is on screen. Dates are relative to today so the story stays current.
 * Everything goes through the real use cases, with the clock set to each past instant.
 */
import type { Clock, Deps } from '../../shared/ports.ts';
import type { Instant } from '../../shared/domain/types.ts';
import { activateAccount, depositDocument, openDocument, registerApplicant } from '../../shared/use-cases/index.ts';
import { makeDemoPdf } from './demo-pdf.ts';

export const DEMO_APPLICANT = {
  agdref: '7500000001',
  ofpraFileNumber: '2200000001',
  password: 'Demo&Mailbox2026',
  phone: '0600000001',
  email: 'demo.applicant@example.org',
} as const;

const DAY_MS = 86_400_000;

class SettableClock implements Clock {
  constructor(private instant: Instant) {}
  set(instant: Instant): void {
    this.instant = instant;
  }
  now(): Instant {
    return this.instant;
  }
}

interface DemoLetter {
  readonly id: string;
  readonly type: 'introduction' | 'convocation' | 'sixMonths' | 'decision';
  readonly outcome?: 'rejection';
  readonly title: string;
  /** Days before now it was deposited, and (if read) opened. */
  readonly depositedDaysAgo: number;
  readonly openedDaysAgo?: number;
}

const LETTERS: readonly DemoLetter[] = [
  { id: 'DEMO-INTRODUCTION', type: 'introduction', title: 'Introduction de votre demande', depositedDaysAgo: 240, openedDaysAgo: 200 },
  { id: 'DEMO-CONVOCATION-1', type: 'convocation', title: "Convocation à l'entretien", depositedDaysAgo: 234, openedDaysAgo: 199 },
  { id: 'DEMO-SIX-MONTHS', type: 'sixMonths', title: 'Lettre des 6 mois', depositedDaysAgo: 60, openedDaysAgo: 59 },
  { id: 'DEMO-DECISION', type: 'decision', outcome: 'rejection', title: 'Décision', depositedDaysAgo: 4, openedDaysAgo: 3 },
  { id: 'DEMO-CONVOCATION-2', type: 'convocation', title: "Nouvelle convocation à l'entretien", depositedDaysAgo: 2 },
];

/** Seeds the demo applicant unless it exists. Returns whether it seeded. */
export async function seedDemo(deps: Deps): Promise<boolean> {
  if ((await deps.applicants.get(DEMO_APPLICANT.agdref)) !== null) return false;
  const realNow = Date.parse(deps.clock.now());
  const at = (daysAgo: number, hour = 10): Instant => {
    const day = new Date(realNow - daysAgo * DAY_MS);
    day.setUTCHours(hour - 2, 0, 0, 0);
    return new Date(Math.min(day.getTime(), realNow)).toISOString();
  };
  const clock = new SettableClock(at(245));
  const past: Deps = { ...deps, clock };
  const { connectionKey } = await registerApplicant(past, {
    agdref: DEMO_APPLICANT.agdref,
    ofpraFileNumber: DEMO_APPLICANT.ofpraFileNumber,
    language: 'fr',
    phone: DEMO_APPLICANT.phone,
    email: DEMO_APPLICANT.email,
  });
  clock.set(at(245, 18));
  await activateAccount(past, { agdref: DEMO_APPLICANT.agdref, connectionKey, password: DEMO_APPLICANT.password });
  const events = LETTERS.flatMap((letter) => [
    { at: at(letter.depositedDaysAgo), run: () => deposit(past, letter) },
    ...(letter.openedDaysAgo === undefined
      ? []
      : [{ at: at(letter.openedDaysAgo, 19), run: () => openDocument(past, { agdref: DEMO_APPLICANT.agdref, documentId: letter.id }) }]),
  ]);
  events.sort((a, b) => a.at.localeCompare(b.at));
  for (const event of events) {
    clock.set(event.at);
    await event.run();
  }
  return true;
}

function deposit(deps: Deps, letter: DemoLetter) {
  return depositDocument(deps, {
    agdref: DEMO_APPLICANT.agdref,
    documentId: letter.id,
    type: letter.type,
    outcome: letter.outcome ?? null,
    title: letter.title,
    content: makeDemoPdf(['OFPRA - Office francais de protection des refugies et apatrides', letter.title, `Reference ${letter.id}`, 'Document de demonstration.']),
  });
}
