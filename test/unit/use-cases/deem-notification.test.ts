import { describe, expect, it } from 'vitest';
import { deemNotification } from '../../../shared/use-cases/deem-notification.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { getDocument } from '../../../shared/use-cases/get-document.ts';
import { handleTrigger } from '../../../shared/use-cases/handle-trigger.ts';
import { sweep } from '../../../shared/use-cases/sweep.ts';
import { AGDREF, aLetter, aPdf, deliverQueued, givenApplicant, makeDeps } from '../../support/builders.ts';

const WINDOW_END = '2023-05-05T22:00:00.000Z';

async function depositedConvocation(applicant: Parameters<typeof givenApplicant>[1] = {}) {
  const deps = makeDeps();
  await givenApplicant(deps, applicant);
  await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf() });
  await deliverQueued(deps);
  return deps;
}

describe('deemNotification', () => {
  it('R5: deems an unopened letter notified at the window end, on the availability date', async () => {
    const deps = await depositedConvocation();
    deps.clock.set(WINDOW_END);

    const result = await deemNotification(deps, { letterId: 'CONV-1' });

    expect(result).toEqual({ changed: true });
    const letter = await deps.letters.get('CONV-1');
    expect(letter?.deemedAt).toBe(WINDOW_END);
    expect(letter?.evidence.at(-1)).toMatchObject({ event: 'deemedNotified', at: WINDOW_END });
    expect(await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' })).toMatchObject({
      notifiedBy: 'deemed',
      notificationDate: '2023-04-20',
    });
  });

  it('R5: changes nothing before the window end', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-05T23:59:59.999+02:00');

    expect(await deemNotification(deps, { letterId: 'CONV-1' })).toEqual({ changed: false });
    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBeNull();
  });

  it('R5: a duplicated trigger changes nothing the second time', async () => {
    const deps = await depositedConvocation();
    deps.clock.set(WINDOW_END);
    await handleTrigger(deps, { kind: 'deem', letterId: 'CONV-1' });

    await handleTrigger(deps, { kind: 'deem', letterId: 'CONV-1' });

    const letter = await deps.letters.get('CONV-1');
    expect(letter?.evidence.filter((e) => e.event === 'deemedNotified')).toHaveLength(1);
    expect(letter?.deemedAt).toBe(WINDOW_END);
  });

  it('R5: a trigger three hours late records the same legal instant and date', async () => {
    const deps = await depositedConvocation();
    deps.clock.set('2023-05-06T03:00:00+02:00');

    await handleTrigger(deps, { kind: 'deem', letterId: 'CONV-1' });

    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBe(WINDOW_END);
    expect((await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' })).notificationDate).toBe('2023-04-20');
  });

  it('R5: a lost trigger changes no date — the letter shows deemed — and the sweep applies it', async () => {
    const deps = await depositedConvocation();
    deps.scheduler.due('2023-06-01T00:00:00Z'); // every trigger lost
    deps.clock.set('2023-05-07T04:00:00+02:00');
    const before = await getDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    const result = await sweep(deps);

    expect(before).toMatchObject({ notifiedBy: 'deemed', notificationDate: '2023-04-20' });
    expect(result).toMatchObject({ deemed: 1, repaired: 1 });
    expect((await deps.letters.get('CONV-1'))?.deemedAt).toBe(WINDOW_END);
  });

  it('R11: never deems a postal letter (paper derogation)', async () => {
    const deps = await depositedConvocation({ paperDerogation: true });
    deps.clock.set('2023-06-01T00:00:00Z');

    expect(await deemNotification(deps, { letterId: 'CONV-1' })).toEqual({ changed: false });
  });

  it('R2: never deems a letter that needs no notification', async () => {
    const deps = makeDeps();
    await deps.letters.create(aLetter({ id: 'SIX', type: 'sixMonths' }));
    deps.clock.set('2023-06-01T00:00:00Z');

    expect(await deemNotification(deps, { letterId: 'SIX' })).toEqual({ changed: false });
  });

  it('answers not found for an unknown letter; a trigger for it is dropped', async () => {
    const deps = makeDeps();

    await expect(deemNotification(deps, { letterId: 'NOPE' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(handleTrigger(deps, { kind: 'deem', letterId: 'NOPE' })).resolves.toBeUndefined();
  });
});
