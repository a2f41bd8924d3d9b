/**
 * LetterRepository in memory: the fast twin of DynamoDbLetterRepository. Same orderings (the
 * DynamoDB sort keys compared as strings), same sparse-index membership (store-rules.ts), same
 * errors. Records are stored as the repository's own copies and read as fresh ones
 * (frozen-records.ts), so a caller never changes stored state by mutating what it holds. Like the
 * table's indexes, the sparse `due` and `reminders` indexes and the by-applicant listing are kept
 * up to date on every write, so a query reads only its own entries.
 */
import type { Instant } from '../../domain/types.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { Letter, LetterHead, LetterRepository } from '../../ports.ts';
import { assertHeadMatchesChain, assertNextVersion, deemDueAt, reminderDueAt } from '../store-rules.ts';
import { type Covers, storedItems, storedPart } from './frozen-records.ts';

/** gsi1's sort key: newest first is the reverse of this order. */
const listingKey = (letter: Letter): string => `${letter.availableAt}#${letter.id}`;

export class InMemoryLetterRepository implements LetterRepository {
  private readonly byId = new Map<string, Letter>();
  /** AGDREF → ids of the applicant's letters (gsi1's partition). */
  private readonly idsByApplicant = new Map<string, Set<string>>();
  private readonly deemIndex = new DueIndex(deemDueAt);
  private readonly reminderIndex = new DueIndex(reminderDueAt);

  async create(letter: Letter): Promise<void> {
    assertHeadMatchesChain(letter);
    if (this.byId.has(letter.id)) throw new ItemAlreadyExistsError(`LETTER#${letter.id}`);
    this.store(undefined, storedLetter(letter, undefined));
  }

  async get(id: string): Promise<Letter | null> {
    const stored = this.byId.get(id);
    return stored === undefined ? null : readLetter(stored);
  }

  async listForApplicant(agdref: string): Promise<Letter[]> {
    const letters: Letter[] = [];
    for (const id of this.idsByApplicant.get(agdref) ?? []) {
      const letter = this.byId.get(id);
      if (letter !== undefined) letters.push(letter);
    }
    return letters.sort((a, b) => compare(listingKey(b), listingKey(a))).map(readLetter);
  }

  async update(next: Letter, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    assertHeadMatchesChain(next);
    const stored = this.byId.get(next.id);
    // R12: as DynamoDbLetterRepository's condition, a write never shortens the chain head.
    if (stored === undefined || stored.version !== expectedVersion || stored.head.count > next.head.count) {
      throw new ConcurrentUpdateError(`LETTER#${next.id}`);
    }
    this.store(stored, storedLetter(next, stored));
  }

  async pendingDeemedBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.read(this.deemIndex.dueBefore(before, limit));
  }

  async remindersDueBefore(before: Instant, limit: number): Promise<Letter[]> {
    return this.read(this.reminderIndex.dueBefore(before, limit));
  }

  async chainHeads(): Promise<LetterHead[]> {
    return [...this.byId.values()].map((letter) => ({ documentId: letter.id, count: letter.head.count, hash: letter.head.hash }));
  }

  private store(previous: Letter | undefined, next: Letter): void {
    this.byId.set(next.id, next);
    if (previous?.agdref !== next.agdref) {
      if (previous !== undefined) this.idsByApplicant.get(previous.agdref)?.delete(previous.id);
      let ids = this.idsByApplicant.get(next.agdref);
      if (ids === undefined) {
        ids = new Set();
        this.idsByApplicant.set(next.agdref, ids);
      }
      ids.add(next.id);
    }
    this.deemIndex.move(previous, next);
    this.reminderIndex.move(previous, next);
  }

  private read(ids: readonly string[]): Letter[] {
    const letters: Letter[] = [];
    for (const id of ids) {
      const letter = this.byId.get(id);
      if (letter !== undefined) letters.push(readLetter(letter));
    }
    return letters;
  }
}

/** The letter as stored (frozen-records.ts), sharing the frozen parts `previous`, its stored version, had. */
function storedLetter(letter: Letter, previous: Letter | undefined): Letter {
  return {
    ...letter,
    legalAid: storedPart(letter.legalAid, previous?.legalAid),
    alerts: storedItems(letter.alerts, previous?.alerts),
    evidence: storedItems(letter.evidence, previous?.evidence),
    head: storedPart(letter.head, previous?.head),
  };
}

/** A stored letter as a read returns it: a new object and new arrays over the frozen parts. */
function readLetter(stored: Letter): Letter {
  return { ...stored, alerts: [...stored.alerts], evidence: [...stored.evidence] };
}

/** Every object field of a Letter is copied above (the build fails if one is added and not here). */
const LETTER_PARTS_COVERED: Covers<Letter, 'legalAid' | 'alerts' | 'evidence' | 'head'> = true;
void LETTER_PARTS_COVERED;

interface DueEntry {
  readonly at: Instant;
  readonly id: string;
}

/** A sparse index: the letters whose `dueAt` is not null, sorted by (due instant, id) as strings. */
class DueIndex {
  private readonly entries: DueEntry[] = [];

  constructor(private readonly dueAt: (letter: Letter) => Instant | null) {}

  /** Moves a letter's entry from where its `previous` version had it (if any) to where `next` has it (if any). */
  move(previous: Letter | undefined, next: Letter): void {
    const was = previous === undefined ? null : this.dueAt(previous);
    const is = this.dueAt(next);
    if (was === is) return;
    if (was !== null) {
      const at = this.position(was, next.id);
      if (this.entries[at]?.at === was && this.entries[at]?.id === next.id) this.entries.splice(at, 1);
    }
    if (is !== null) this.entries.splice(this.position(is, next.id), 0, { at: is, id: next.id });
  }

  /** Ids of the first `limit` entries due at or before `before`, oldest first. */
  dueBefore(before: Instant, limit: number): string[] {
    const wanted = Math.max(0, Math.floor(limit));
    const ids: string[] = [];
    for (const entry of this.entries) {
      if (!(ids.length < wanted) || entry.at > before) break;
      ids.push(entry.id);
    }
    return ids;
  }

  /** The first position whose entry is not before (at, id). */
  private position(at: Instant, id: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle] as DueEntry;
      if ((compare(entry.at, at) || compare(entry.id, id)) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** DynamoDB orders string keys by their bytes; for these ASCII keys that is plain string order. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
