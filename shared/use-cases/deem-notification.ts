/**
 * R5: the deemed notification, applied at the window's end by a one-time trigger (and by the
 * sweep when a trigger was lost). The decision is the domain's, by instants: the trigger only
 * writes it, so a duplicated, late or replayed trigger changes no date.
 */
import { decide } from '../domain/lifecycle.ts';
import type { Deps, Letter } from '../ports.ts';
import { updateLetter, withEvidence, withFacts } from './letter-updates.ts';
import { settleCursor } from './reminder-cursor.ts';

/**
 * R5: marks the letter deemed notified at its window's end if it was not opened in time — a
 * conditional write, re-decided on a lost race (e.g. with an opening one minute before the end).
 * Idempotent: `changed` is false when there was nothing (more) to do.
 * @throws NotFoundError if the letter does not exist.
 */
export async function deemNotification(
  deps: Pick<Deps, 'letters' | 'clock' | 'config'>,
  input: { readonly letterId: string },
): Promise<{ changed: boolean }> {
  return deemLetter(deps, input.letterId);
}

/** deemNotification on a letter just read (the sweep), saving the first read. */
export async function deemLetter(
  deps: Pick<Deps, 'letters' | 'clock' | 'config'>,
  letterId: string,
  snapshot?: Letter,
): Promise<{ changed: boolean }> {
  const now = deps.clock.now();
  const { changed } = await updateLetter(
    deps.letters,
    letterId,
    (current) => {
      const decision = decide(current, { kind: 'deem' }, now);
      if (!decision.changed) return null;
      // R11: no reminder once the window has ended (alerts still being delivered are finished).
      return settleCursor(withEvidence(withFacts(current, decision.next), decision.evidence), deps.config.rules, now);
    },
    snapshot,
  );
  return { changed };
}
