/**
 * LetterRepository in memory: the fast twin of DynamoDbLetterRepository. Same orderings (the
 * DynamoDB sort keys compared as strings), same sparse-index membership (store-rules.ts), same
 * errors; records are copied in and out.
 */
import type { Instant } from '../../domain/types.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { Letter, LetterRepository } from '../../ports.ts';
import { assertNextVersion, deemDueAt, reminderDueAt } from '../store-rules.ts';

/** gsi1's sort key: newest first is the reverse of this order. */
const listingKey = (letter: Letter): string => `${letter.availableAt}#${letter.id}`;

export class InMemoryLetterRepository implements LetterRepository {
  private readonly byId = new Map<string, Letter>();

  async create(letter: Letter): Promise<void> {
    if (this.byId.has(letter.id)) throw new ItemAlreadyExistsError(`LETTER#${letter.id}`);
    this.byId.set(letter.id, structuredClone(letter));
  }

  async get(id: string): Promise<Letter | null> {
    const stored = this.byId.get(id);
    return stored === undefined ? null : structuredClone(stored);
  }

  async listForApplicant(agdref: string): Promise<Letter[]> {
    return [...this.byId.values()]
      .filter((letter) => letter.agdref === agdref)
      .sort((a, b) => compare(listingKey(b), listingKey(a)))
      .map((letter) => structuredClone(letter));
  }

  async update(next: Letter, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    const stored = this.byId.get(next.id);
    if (stored === undefined || stored.version !== expectedVersion) throw new ConcurrentUpdateError(`LETTER#${next.id}`);
    this.byId.set(next.id, structuredClone(next));
  }

  async pendingDeemedBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.dueBefore(deemDueAt, before, limit);
  }

  async remindersDueBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.dueBefore(reminderDueAt, before, limit);
  }

  private dueBefore(dueAt: (letter: Letter) => Instant | null, before: Instant, limit: number): Letter[] {
    return [...this.byId.values()]
      .flatMap((letter) => {
        const at = dueAt(letter);
        return at !== null && at <= before ? [{ at, letter }] : [];
      })
      .sort((a, b) => compare(a.at, b.at) || compare(a.letter.id, b.letter.id))
      .slice(0, Math.max(0, Math.floor(limit)))
      .map(({ letter }) => structuredClone(letter));
  }
}

/** DynamoDB orders string keys by their bytes; for these ASCII keys that is plain string order. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
