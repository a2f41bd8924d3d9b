import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../../shared/adapters/memory/fixed-clock.ts';
import type { Letter } from '../../../shared/ports.ts';
import { deemNotification } from '../../../shared/use-cases/deem-notification.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { getDocument } from '../../../shared/use-cases/get-document.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { AGDREF, OTHER_AGDREF, aPdf, delegating, givenApplicant, makeDeps, runTriggersUntil } from '../../support/builders.ts';

const WINDOW_END = '2023-05-05T22:00:00.000Z'; // 2023-05-06T00:00 Paris, for a letter available 2023-04-20

async function depositedConvocation() {
  const deps = makeDeps();
  await givenApplicant(deps);
  await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf('convocation') });
  return deps;
}

describe('openDocument', () => {
  it('R4: records the first opening with firstOpened evidence and notifies by consultation on that Paris date', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-04-23T23:30:00+02:00');

    const { document, content } = await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(new TextDecoder().decode(content ?? new Uint8Array())).toContain('convocation');
    expect(document).toMatchObject({
      status: 'read',
      firstOpenedAt: '2023-04-23T21:30:00.000Z',
      notificationDate: '2023-04-23',
      notifiedBy: 'consultation',
      daysLeft: null,
    });
    const letter = await deps.letters.get('CONV-1');
    expect(letter?.evidence.at(-1)).toMatchObject({ event: 'firstOpened', at: '2023-04-23T21:30:00.000Z' });
  });

  it('R4: records the opening before handing out the content (a failing blob store still leaves it recorded)', async () => {
    const deps = await depositedConvocation();
    const failingBlobs = {
      put: async () => undefined,
      temporaryUrl: async () => null,
      get: async () => {
        throw new Error('blob store down');
      },
    };

    await expect(openDocument({ ...deps, blobs: failingBlobs }, { agdref: AGDREF, documentId: 'CONV-1' })).rejects.toThrow('blob store down');

    expect((await deps.letters.get('CONV-1'))?.firstOpenedAt).toBe(deps.clock.now());
  });

  it('R4: later openings never change the first one', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-04-21T09:00:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });
    deps.clock.set('2023-04-25T09:00:00+02:00');

    const { document } = await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(document.notificationDate).toBe('2023-04-21');
    expect((await deps.letters.get('CONV-1'))?.evidence.filter((e) => e.event === 'firstOpened')).toHaveLength(1);
  });

  it("answers not found for another applicant's letter, and records nothing", async () => {
    const deps = await depositedConvocation();
    await givenApplicant(deps, { agdref: OTHER_AGDREF, ofpraFileNumber: null });

    await expect(openDocument(deps, { agdref: OTHER_AGDREF, documentId: 'CONV-1' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await deps.letters.get('CONV-1'))?.firstOpenedAt).toBeNull();
  });

  it('R4/R5: an opening one minute before the window end is a consultation, and the deem trigger then changes nothing', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-05T23:59:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    await runTriggersUntil(deps, '2023-05-06T03:00:00+02:00');

    const document = await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });
    expect(document).toMatchObject({ notifiedBy: 'consultation', notificationDate: '2023-05-05' });
    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBeNull();
  });

  it('R5: an opening one minute after the window end is never a consultation, even before the deem trigger ran', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-06T00:01:00+02:00');

    const { document } = await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(document).toMatchObject({ notifiedBy: 'deemed', notificationDate: '2023-04-20', firstOpenedAt: '2023-05-05T22:01:00.000Z' });
    const letter = await deps.letters.get('CONV-1');
    expect(letter?.deemedAt).toBe(WINDOW_END);
    expect(letter?.evidence.slice(-2).map((e) => [e.event, e.at])).toEqual([
      ['deemedNotified', WINDOW_END],
      ['firstOpened', '2023-05-05T22:01:00.000Z'],
    ]);
    expect(await deemNotification(deps, { letterId: 'CONV-1' })).toEqual({ changed: false });
  });

  it('R4/R5: an opening in time whose write races a deem trigger ends as a consultation', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-05T23:59:00+02:00');
    const lateDeem = { ...deps, clock: new FixedClock('2023-05-06T00:00:00+02:00') };
    let raced = false;
    const letters = delegating(deps.letters, {
      update: async (next: Letter, expected: number) => {
        if (!raced) {
          raced = true;
          // The deem trigger lands between the opening's read and its write.
          await deemNotification(lateDeem, { letterId: 'CONV-1' });
        }
        return deps.letters.update(next, expected);
      },
    });

    const { document } = await openDocument({ ...deps, letters }, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(document).toMatchObject({ notifiedBy: 'consultation', notificationDate: '2023-05-05' });
    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBeNull();
  });

  it('R4/R5: a deem trigger whose write races an opening in time changes nothing', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-06T00:00:00+02:00');
    const earlyOpening = { ...deps, clock: new FixedClock('2023-05-05T23:59:00+02:00') };
    let raced = false;
    const letters = delegating(deps.letters, {
      update: async (next: Letter, expected: number) => {
        if (!raced) {
          raced = true;
          await openDocument(earlyOpening, { agdref: AGDREF, documentId: 'CONV-1' });
        }
        return deps.letters.update(next, expected);
      },
    });

    const result = await deemNotification({ ...deps, letters }, { letterId: 'CONV-1' });

    expect(result).toEqual({ changed: false });
    const document = await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });
    expect(document).toMatchObject({ notifiedBy: 'consultation', notificationDate: '2023-05-05' });
  });

  it('R11: stops the reminders of a letter once it has been read', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-04-22T09:00:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    await runTriggersUntil(deps, '2023-05-10T00:00:00+02:00');

    const letter = await deps.letters.get('CONV-1');
    expect(letter?.alerts.map((a) => a.kind)).toEqual(['deposit', 'deposit']);
    expect(deps.notifier.accepted).toHaveLength(2);
    expect(letter?.nextReminderAt).toBeNull();
  });
});

describe('getDocument', () => {
  it('R6: shows the letter without opening it', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-05T12:00:00+02:00');

    const document = await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(document).toMatchObject({ status: 'unread', daysLeft: 1, issuer: 'OFPRA', label: { fr: 'Convocation', en: 'Appointment' } });
    expect((await deps.letters.get('CONV-1'))?.firstOpenedAt).toBeNull();
  });

  it("answers not found for another applicant's letter and for an unknown id", async () => {
    const deps = await depositedConvocation();

    await expect(getDocument(deps, { agdref: OTHER_AGDREF, documentId: 'CONV-1' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(getDocument(deps, { agdref: AGDREF, documentId: 'NOPE' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
