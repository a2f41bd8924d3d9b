import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbApplicantRepository } from '../../shared/adapters/aws/dynamodb-applicant-repository.ts';
import { InMemoryApplicantRepository } from '../../shared/adapters/memory/memory-applicant-repository.ts';
import { ConcurrentUpdateError, ItemAlreadyExistsError } from '../../shared/errors.ts';
import type { ApplicantRepository } from '../../shared/ports.ts';
import { freshTable } from '../support/dynamodb.ts';
import { anApplicant, nextVersionOf } from './records.ts';

/** The behaviour every ApplicantRepository shares; run below on each adapter. */
function applicantRepositoryContract(adapter: string, makeRepository: () => Promise<ApplicantRepository>): void {
  describe(`ApplicantRepository contract (${adapter})`, () => {
    let applicants: ApplicantRepository;

    beforeEach(async () => {
      applicants = await makeRepository();
    });

    describe('create and get', () => {
      it('returns every field of a created applicant', async () => {
        const applicant = anApplicant({
          ofpraFileNumber: '1234567',
          email: 'a@example.org',
          failedAttempts: ['2023-04-02T08:00:00.000Z'],
          resetCode: { hash: 'code-hash', expiresAt: '2023-04-02T08:15:00.000Z', wrongTries: 2 },
        });

        await applicants.create(applicant);

        expect(await applicants.get(applicant.agdref)).toEqual(applicant);
      });

      it('returns null for an unknown AGDREF', async () => {
        expect(await applicants.get('9999999999')).toBeNull();
      });

      it('refuses a second applicant with the same AGDREF and keeps the first', async () => {
        const first = anApplicant({ language: 'fr' });
        await applicants.create(first);

        const creating = applicants.create(anApplicant({ language: 'en' }));

        await expect(creating).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await applicants.get(first.agdref)).toEqual(first);
      });

      it('refuses a second applicant with the same office file number and stores nothing of it', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111', ofpraFileNumber: '1234567' }));

        const creating = applicants.create(anApplicant({ agdref: '2222222222', ofpraFileNumber: '1234567' }));

        await expect(creating).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await applicants.get('2222222222')).toBeNull();
        expect((await applicants.findByIdentifier('1234567'))?.agdref).toBe('1111111111');
      });

      it('lets applicants without an office file number coexist', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111' }));
        await applicants.create(anApplicant({ agdref: '2222222222' }));

        expect(await applicants.get('2222222222')).not.toBeNull();
      });

      it('keeps stored state out of reach of the caller', async () => {
        const applicant = anApplicant({ failedAttempts: ['2023-04-02T08:00:00.000Z'] });
        await applicants.create(applicant);

        (applicant.failedAttempts as string[]).push('2023-04-03T08:00:00.000Z');
        const read = await applicants.get(applicant.agdref);
        (read?.failedAttempts as string[] | undefined)?.push('2023-04-04T08:00:00.000Z');

        expect((await applicants.get(applicant.agdref))?.failedAttempts).toEqual(['2023-04-02T08:00:00.000Z']);
      });
    });

    describe('findByIdentifier', () => {
      it('finds an applicant by AGDREF', async () => {
        await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '7654321' }));

        expect((await applicants.findByIdentifier('0123456789'))?.agdref).toBe('0123456789');
      });

      it('finds an applicant by office file number', async () => {
        await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '7654321' }));

        expect((await applicants.findByIdentifier('7654321'))?.agdref).toBe('0123456789');
      });

      it('finds an applicant by a ten-digit office file number that is nobody\'s AGDREF', async () => {
        await applicants.create(anApplicant({ agdref: '0123456789', ofpraFileNumber: '5555555555' }));

        expect((await applicants.findByIdentifier('5555555555'))?.agdref).toBe('0123456789');
      });

      it('never lets one identifier name two people: a file number equal to another\'s AGDREF, or the reverse, is refused', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111', ofpraFileNumber: '3333333333' }));

        await expect(applicants.create(anApplicant({ agdref: '2222222222', ofpraFileNumber: '1111111111' }))).rejects.toBeInstanceOf(
          ItemAlreadyExistsError,
        );
        await expect(applicants.create(anApplicant({ agdref: '3333333333' }))).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await applicants.get('2222222222')).toBeNull();
        expect(await applicants.get('3333333333')).toBeNull();
        expect((await applicants.findByIdentifier('1111111111'))?.agdref).toBe('1111111111');
        expect((await applicants.findByIdentifier('3333333333'))?.agdref).toBe('1111111111');
      });

      it('accepts a file number equal to the applicant\'s own AGDREF (it names one person)', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111', ofpraFileNumber: '1111111111' }));

        expect((await applicants.findByIdentifier('1111111111'))?.agdref).toBe('1111111111');
      });

      it('refuses a change of file number to another applicant\'s AGDREF', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111' }));
        const applicant = anApplicant({ agdref: '2222222222', ofpraFileNumber: null });
        await applicants.create(applicant);

        const taking = applicants.update(nextVersionOf(applicant, { ofpraFileNumber: '1111111111' }), applicant.version);

        await expect(taking).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect((await applicants.get('2222222222'))?.ofpraFileNumber).toBeNull();
      });

      it('lets exactly one of two parallel creations claim the same identifier (AGDREF of one, file number of the other)', async () => {
        const outcomes = await Promise.allSettled([
          applicants.create(anApplicant({ agdref: '4444444444' })),
          applicants.create(anApplicant({ agdref: '5555555555', ofpraFileNumber: '4444444444' })),
        ]);

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(refused?.status === 'rejected' ? refused.reason : null).toBeInstanceOf(ItemAlreadyExistsError);
      });

      it('returns null for an unknown identifier', async () => {
        await applicants.create(anApplicant({ ofpraFileNumber: '7654321' }));

        expect(await applicants.findByIdentifier('1234567')).toBeNull();
        expect(await applicants.findByIdentifier('9999999999')).toBeNull();
      });
    });

    describe('update', () => {
      it('writes the next version when the stored version is the expected one', async () => {
        const applicant = anApplicant({ version: 3 });
        await applicants.create(applicant);
        const next = nextVersionOf(applicant, { passwordHash: 'argon2id-hash', activatedAt: '2023-04-05T08:00:00.000Z' });

        await applicants.update(next, 3);

        expect(await applicants.get(applicant.agdref)).toEqual(next);
      });

      it('refuses a write against a stale version and keeps the stored one', async () => {
        const applicant = anApplicant();
        await applicants.create(applicant);
        const winner = nextVersionOf(applicant, { language: 'en' });
        await applicants.update(winner, applicant.version);

        const losing = applicants.update(nextVersionOf(applicant, { language: 'ar' }), applicant.version);

        await expect(losing).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect(await applicants.get(applicant.agdref)).toEqual(winner);
      });

      it('refuses to write an applicant that does not exist', async () => {
        const updating = applicants.update(nextVersionOf(anApplicant()), 1);

        await expect(updating).rejects.toBeInstanceOf(ConcurrentUpdateError);
        expect(await applicants.get(anApplicant().agdref)).toBeNull();
      });

      it('refuses a write whose version is not the expected one plus one', async () => {
        const applicant = anApplicant();
        await applicants.create(applicant);

        await expect(applicants.update({ ...applicant, language: 'en' }, applicant.version)).rejects.toBeInstanceOf(
          RangeError,
        );
      });

      it('moves the office file number lookup with the applicant', async () => {
        const applicant = anApplicant({ ofpraFileNumber: '1234567' });
        await applicants.create(applicant);

        await applicants.update(nextVersionOf(applicant, { ofpraFileNumber: '7654321' }), applicant.version);

        expect(await applicants.findByIdentifier('1234567')).toBeNull();
        expect((await applicants.findByIdentifier('7654321'))?.agdref).toBe(applicant.agdref);
        await applicants.create(anApplicant({ agdref: '2222222222', ofpraFileNumber: '1234567' }));
      });

      it('refuses to take an office file number another applicant holds', async () => {
        await applicants.create(anApplicant({ agdref: '1111111111', ofpraFileNumber: '1234567' }));
        const applicant = anApplicant({ agdref: '2222222222', ofpraFileNumber: null });
        await applicants.create(applicant);

        const taking = applicants.update(nextVersionOf(applicant, { ofpraFileNumber: '1234567' }), applicant.version);

        await expect(taking).rejects.toBeInstanceOf(ItemAlreadyExistsError);
        expect(await applicants.get('2222222222')).toEqual(applicant);
        expect((await applicants.findByIdentifier('1234567'))?.agdref).toBe('1111111111');
      });
    });
  });
}

applicantRepositoryContract('in memory', async () => new InMemoryApplicantRepository());
applicantRepositoryContract('DynamoDB Local', async () => new DynamoDbApplicantRepository(await freshTable()));
