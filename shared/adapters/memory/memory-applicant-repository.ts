/**
 * ApplicantRepository in memory: the fast twin of DynamoDbApplicantRepository, held to the same
 * contract suite (same errors, same lookups); records are stored as the repository's own copies
 * and read as fresh ones (frozen-records.ts), so a caller can never change stored state by
 * mutating what it holds.
 */
import { isAgdref } from '../../domain/identity.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { Applicant, ApplicantRepository } from '../../ports.ts';
import { assertNextVersion } from '../store-rules.ts';
import { type Covers, storedItems, storedPart } from './frozen-records.ts';

export class InMemoryApplicantRepository implements ApplicantRepository {
  private readonly byAgdref = new Map<string, Applicant>();
  /** Office file number → AGDREF: the lookup. */
  private readonly agdrefByFileNumber = new Map<string, string>();
  /** Every identifier in use (AGDREF numbers and file numbers) → its owner: the uniqueness guard. */
  private readonly ownerOfIdentifier = new Map<string, string>();

  async create(applicant: Applicant): Promise<void> {
    if (this.byAgdref.has(applicant.agdref)) throw new ItemAlreadyExistsError(`APPLICANT#${applicant.agdref}`);
    if (this.ownerOfIdentifier.has(applicant.agdref)) throw new ItemAlreadyExistsError(`IDENTIFIER#${applicant.agdref}`);
    const fileNumber = applicant.ofpraFileNumber;
    if (fileNumber !== null && fileNumber !== applicant.agdref && this.ownerOfIdentifier.has(fileNumber)) {
      throw new ItemAlreadyExistsError(`IDENTIFIER#${fileNumber}`);
    }
    this.byAgdref.set(applicant.agdref, storedApplicant(applicant, undefined));
    this.ownerOfIdentifier.set(applicant.agdref, applicant.agdref);
    if (fileNumber !== null) {
      this.agdrefByFileNumber.set(fileNumber, applicant.agdref);
      this.ownerOfIdentifier.set(fileNumber, applicant.agdref);
    }
  }

  async get(agdref: string): Promise<Applicant | null> {
    const stored = this.byAgdref.get(agdref);
    return stored === undefined ? null : readApplicant(stored);
  }

  async findByIdentifier(identifier: string): Promise<Applicant | null> {
    // An office file number may have 10 digits too (6 to 12): an AGDREF-shaped one is tried both ways.
    if (isAgdref(identifier)) {
      const byAgdref = await this.get(identifier);
      if (byAgdref !== null) return byAgdref;
    }
    const agdref = this.agdrefByFileNumber.get(identifier);
    return agdref === undefined ? null : this.get(agdref);
  }

  async update(next: Applicant, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    const stored = this.byAgdref.get(next.agdref);
    if (stored === undefined || stored.version !== expectedVersion) {
      throw new ConcurrentUpdateError(`APPLICANT#${next.agdref}`);
    }
    const oldFileNumber = stored.ofpraFileNumber;
    const newFileNumber = next.ofpraFileNumber;
    if (newFileNumber !== oldFileNumber) {
      if (newFileNumber !== null && newFileNumber !== next.agdref && this.ownerOfIdentifier.has(newFileNumber)) {
        throw new ItemAlreadyExistsError(`IDENTIFIER#${newFileNumber}`);
      }
      if (oldFileNumber !== null) {
        this.agdrefByFileNumber.delete(oldFileNumber);
        if (oldFileNumber !== next.agdref) this.ownerOfIdentifier.delete(oldFileNumber);
      }
      if (newFileNumber !== null) {
        this.agdrefByFileNumber.set(newFileNumber, next.agdref);
        this.ownerOfIdentifier.set(newFileNumber, next.agdref);
      }
    }
    this.byAgdref.set(next.agdref, storedApplicant(next, stored));
  }
}

/** The applicant as stored (frozen-records.ts), sharing the frozen parts `previous`, its stored version, had. */
function storedApplicant(applicant: Applicant, previous: Applicant | undefined): Applicant {
  return {
    ...applicant,
    failedAttempts: storedItems(applicant.failedAttempts, previous?.failedAttempts),
    resetCode: storedPart(applicant.resetCode, previous?.resetCode),
  };
}

/** A stored applicant as a read returns it: a new object and a new array over the frozen parts. */
function readApplicant(stored: Applicant): Applicant {
  return { ...stored, failedAttempts: [...stored.failedAttempts] };
}

/** Every object field of an Applicant is copied above (the build fails if one is added and not here). */
const APPLICANT_PARTS_COVERED: Covers<Applicant, 'failedAttempts' | 'resetCode'> = true;
void APPLICANT_PARTS_COVERED;
