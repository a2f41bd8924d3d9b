/**
 * HelperRepository and GrantRepository in memory: the fast twins of the DynamoDB adapters, held to
 * the same contract suite (test/contract/helper-repositories.contract.test.ts). Records are copied
 * in and out, so a caller never holds stored state.
 */
import type { Instant } from '../../domain/types.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../errors.ts';
import type { ParisDate } from '../../domain/types.ts';
import type { AccessLogEntry, Grant, GrantCode, GrantRepository, Helper, HelperDigest, HelperRepository } from '../../ports.ts';
import { assertNextVersion } from '../store-rules.ts';

function copyHelper(helper: Helper): Helper {
  return { ...helper, failedAttempts: [...helper.failedAttempts], grantCode: helper.grantCode === null ? null : { ...helper.grantCode } };
}

/** The preference part of two digests is the same (what a conditional write compares). */
function sameDigest(a: HelperDigest, b: HelperDigest): boolean {
  return a.enabled === b.enabled && a.email === b.email && a.language === b.language;
}

export class InMemoryHelperRepository implements HelperRepository {
  private readonly byId = new Map<string, Helper>();
  private readonly idByEmail = new Map<string, string>();
  private readonly digests = new Map<string, HelperDigest>();

  async create(helper: Helper): Promise<void> {
    if (this.byId.has(helper.helperId)) throw new ItemAlreadyExistsError(`HELPER#${helper.helperId}`);
    if (this.idByEmail.has(helper.email)) throw new ItemAlreadyExistsError(`HELPEREMAIL#${helper.email}`);
    this.byId.set(helper.helperId, copyHelper(helper));
    this.idByEmail.set(helper.email, helper.helperId);
  }

  async get(helperId: string): Promise<Helper | null> {
    const stored = this.byId.get(helperId);
    return stored === undefined ? null : copyHelper(stored);
  }

  async findByEmail(email: string): Promise<Helper | null> {
    const helperId = this.idByEmail.get(email);
    return helperId === undefined ? null : this.get(helperId);
  }

  async update(next: Helper, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    const stored = this.byId.get(next.helperId);
    if (stored === undefined || stored.version !== expectedVersion || stored.email !== next.email) {
      throw new ConcurrentUpdateError(`HELPER#${next.helperId}`);
    }
    this.byId.set(next.helperId, copyHelper(next));
  }

  async getDigest(helperId: string): Promise<HelperDigest | null> {
    const stored = this.digests.get(helperId);
    return stored === undefined ? null : { ...stored };
  }

  async setDigest(digest: Omit<HelperDigest, 'lastDigestOn'>): Promise<HelperDigest> {
    const next = { ...digest, lastDigestOn: this.digests.get(digest.helperId)?.lastDigestOn ?? null };
    this.digests.set(digest.helperId, next);
    return { ...next };
  }

  async digestSubscribers(): Promise<HelperDigest[]> {
    return [...this.digests.values()]
      .filter((digest) => digest.enabled)
      .sort((a, b) => (a.helperId < b.helperId ? -1 : 1))
      .map((digest) => ({ ...digest }));
  }

  async claimDigestDay(read: HelperDigest, day: ParisDate): Promise<boolean> {
    const stored = this.digests.get(read.helperId);
    if (stored === undefined || !sameDigest(stored, read) || !stored.enabled || (stored.lastDigestOn !== null && stored.lastDigestOn >= day)) return false;
    this.digests.set(read.helperId, { ...stored, lastDigestOn: day });
    return true;
  }

  async releaseDigestDay(read: HelperDigest, day: ParisDate): Promise<void> {
    const stored = this.digests.get(read.helperId);
    if (stored !== undefined && sameDigest(stored, read) && stored.lastDigestOn === day) this.digests.set(read.helperId, { ...stored, lastDigestOn: read.lastDigestOn });
  }
}

const grantKey = (helperId: string, agdref: string): string => `${helperId}\u0000${agdref}`;

export class InMemoryGrantRepository implements GrantRepository {
  private readonly codes = new Map<string, GrantCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly log: AccessLogEntry[] = [];

  async createCode(code: GrantCode): Promise<void> {
    if (this.codes.has(code.code)) throw new ItemAlreadyExistsError(`GRANTCODE#${code.code}`);
    this.codes.set(code.code, { ...code });
  }

  async findCode(code: string, now: Instant): Promise<GrantCode | null> {
    const stored = this.codes.get(code);
    return stored !== undefined && now < stored.expiresAt ? { ...stored } : null;
  }

  async putGrant(grant: Grant): Promise<void> {
    const key = grantKey(grant.helperId, grant.agdref);
    const stored = this.grants.get(key);
    if (stored !== undefined && stored.expiresAt > grant.expiresAt) return;
    this.grants.set(key, { ...grant });
  }

  async getGrant(helperId: string, agdref: string, now: Instant): Promise<Grant | null> {
    const stored = this.grants.get(grantKey(helperId, agdref));
    return stored !== undefined && now < stored.expiresAt ? { ...stored } : null;
  }

  async grantsOfHelper(helperId: string, now: Instant): Promise<Grant[]> {
    return this.live(now, (grant) => grant.helperId === helperId).sort((a, b) => (a.agdref < b.agdref ? -1 : 1));
  }

  async grantsOfApplicant(agdref: string, now: Instant): Promise<Grant[]> {
    return this.live(now, (grant) => grant.agdref === agdref).sort((a, b) => (a.helperId < b.helperId ? -1 : 1));
  }

  async deleteGrant(helperId: string, agdref: string): Promise<boolean> {
    return this.grants.delete(grantKey(helperId, agdref));
  }

  async logAccess(entries: readonly AccessLogEntry[]): Promise<void> {
    for (const entry of entries) this.log.push({ ...entry });
  }

  async accessLog(agdref: string, limit: number): Promise<AccessLogEntry[]> {
    return this.log
      .filter((entry) => entry.agdref === agdref)
      .reverse()
      .slice(0, limit)
      .map((entry) => ({ ...entry }));
  }

  private live(now: Instant, keep: (grant: Grant) => boolean): Grant[] {
    return [...this.grants.values()].filter((grant) => now < grant.expiresAt && keep(grant)).map((grant) => ({ ...grant }));
  }
}
