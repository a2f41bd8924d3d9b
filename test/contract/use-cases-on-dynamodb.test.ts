/**
 * The use cases on DynamoDB Local (the real store engine), with virtual time: the races and
 * failure modes of the issues "store" and "scheduling", and the number of DynamoDB requests
 * each applicant-facing use case makes.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbApplicantRepository } from '../../shared/adapters/aws/dynamodb-applicant-repository.ts';
import { DynamoDbLetterRepository } from '../../shared/adapters/aws/dynamodb-letter-repository.ts';
import { DynamoDbSessionRepository } from '../../shared/adapters/aws/dynamodb-session-repository.ts';
import { FixedClock } from '../../shared/adapters/memory/fixed-clock.ts';
import { parisDate } from '../../shared/domain/calendar.ts';
import { deadlinesOf } from '../../shared/domain/deadlines.ts';
import { verifyChain } from '../../shared/domain/evidence.ts';
import { DEFAULT_RULES } from '../../shared/domain/rules.ts';
import type { Letter } from '../../shared/ports.ts';
import { deemNotification } from '../../shared/use-cases/deem-notification.ts';
import { depositDocument } from '../../shared/use-cases/deposit-document.ts';
import { getDocument } from '../../shared/use-cases/get-document.ts';
import { handleTrigger } from '../../shared/use-cases/handle-trigger.ts';
import { listDocuments } from '../../shared/use-cases/list-documents.ts';
import { logIn } from '../../shared/use-cases/log-in.ts';
import { openDocument } from '../../shared/use-cases/open-document.ts';
import { sweep } from '../../shared/use-cases/sweep.ts';
import { AGDREF, GOOD_PASSWORD, aPdf, givenActiveApplicant, makeDeps, runTriggersUntil } from '../support/builders.ts';
import { freshTable } from '../support/dynamodb.ts';

/** Counts the requests sent through the document client. */
function counting(client: DynamoDBDocumentClient): { client: DynamoDBDocumentClient; count: () => number; reset: () => void } {
  let requests = 0;
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const counted = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'send') {
        return (...args: unknown[]) => {
          requests += 1;
          return send(...args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { client: counted, count: () => requests, reset: () => (requests = 0) };
}

async function dynamoDeps() {
  const { client, tableName } = await freshTable();
  const counter = counting(client);
  const table = { client: counter.client, tableName };
  const deps = makeDeps({
    applicants: new DynamoDbApplicantRepository(table),
    sessions: new DynamoDbSessionRepository(table),
    letters: new DynamoDbLetterRepository(table),
  });
  return { deps, counter };
}

const AVAILABLE_AT = '2023-04-20T10:00:00+02:00';
const WINDOW_END = '2023-05-05T22:00:00.000Z'; // R3: 2023-05-06T00:00 Paris
const plus = (instant: string, ms: number): string => new Date(Date.parse(instant) + ms).toISOString();

function notificationOf(letter: Letter | null, now: string) {
  if (letter === null) throw new Error('letter missing');
  const { notificationDate, notifiedBy } = deadlinesOf(letter, DEFAULT_RULES, now);
  return { notificationDate, notifiedBy };
}

describe('use cases on DynamoDB Local', () => {
  it('R4/R5: 200 concurrent open and deem calls at the window edge give exactly the notification date the rules demand', async () => {
    const { deps } = await dynamoDeps();
    await givenActiveApplicant(deps);
    const offsets = [-60_000, -1_000, -1, 0, 1, 1_000, 60_000]; // opening instant relative to windowEnd
    const letters = Array.from({ length: 100 }, (_, i) => ({ id: `EDGE-${i}`, offset: offsets[i % offsets.length] ?? 0 }));
    for (const { id } of letters) {
      await depositDocument(deps, { agdref: AGDREF, documentId: id, type: 'convocation', content: aPdf(id) });
    }

    const calls = letters.flatMap(({ id, offset }) => [
      openDocument({ ...deps, clock: new FixedClock(plus(WINDOW_END, offset)) }, { agdref: AGDREF, documentId: id }),
      deemNotification({ ...deps, clock: new FixedClock(plus(WINDOW_END, 1)) }, { letterId: id }),
    ]);
    await Promise.all(calls);

    const after = plus(WINDOW_END, 120_000);
    for (const { id, offset } of letters) {
      const letter = await deps.letters.get(id);
      const expected =
        offset < 0
          ? { notificationDate: parisDate(plus(WINDOW_END, offset)), notifiedBy: 'consultation' }
          : { notificationDate: '2023-04-20', notifiedBy: 'deemed' };
      expect(notificationOf(letter, after), `${id} opened at windowEnd${offset >= 0 ? '+' : ''}${offset} ms`).toEqual(expected);
      expect(letter?.firstOpenedAt).toBe(plus(WINDOW_END, offset));
      expect(verifyChain(letter?.evidence ?? [])).toBe(true);
      const events = (letter?.evidence ?? []).map((e) => e.event);
      expect(events.filter((e) => e === 'firstOpened')).toHaveLength(1);
      // An in-time opening whose write lands after the deem transition still wins (R4): the facts
      // say consultation, and the append-only chain keeps both events, the opening's instant first.
      expect(letter?.deemedAt).toBe(offset < 0 ? null : WINDOW_END);
      expect(events.filter((e) => e === 'deemedNotified').length).toBeLessThanOrEqual(1);
      if (offset >= 0) expect(events).toContain('deemedNotified');
    }
    // 100 deposits, then 200 concurrent calls on DynamoDB Local: over a minute on a loaded 2-core machine.
  }, 180_000);

  it('makes at most 2 DynamoDB requests to list letters, get one, or log in, and 3 for a first opening', async () => {
    const { deps, counter } = await dynamoDeps();
    await givenActiveApplicant(deps);
    await depositDocument(deps, { agdref: AGDREF, documentId: 'COUNT-1', type: 'convocation', content: aPdf('count') });
    const measure = async (run: () => Promise<unknown>): Promise<number> => {
      counter.reset();
      await run();
      return counter.count();
    };

    const list = await measure(() => listDocuments(deps, { agdref: AGDREF }));
    const get = await measure(() => getDocument(deps, { agdref: AGDREF, documentId: 'COUNT-1' }));
    const login = await measure(() => logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD }));
    const firstOpening = await measure(() => openDocument(deps, { agdref: AGDREF, documentId: 'COUNT-1' }));
    const laterOpening = await measure(() => openDocument(deps, { agdref: AGDREF, documentId: 'COUNT-1' }));

    expect({ list, get, login, firstOpening, laterOpening }).toEqual({ list: 2, get: 2, login: 2, firstOpening: 3, laterOpening: 2 });
  });
});

describe('trigger failure modes on DynamoDB Local and virtual time', () => {
  async function depositedConvocation() {
    const { deps } = await dynamoDeps();
    await givenActiveApplicant(deps, { phone: '+33612345678', email: 'a@example.org' });
    deps.clock.set(AVAILABLE_AT);
    await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-1', type: 'convocation', content: aPdf('conv') });
    return deps;
  }

  async function deadlinesAt(deps: Awaited<ReturnType<typeof depositedConvocation>>, now: string) {
    const letter = await deps.letters.get('CONV-1');
    if (letter === null) throw new Error('letter missing');
    return deadlinesOf(letter, DEFAULT_RULES, now);
  }

  it('R5: a duplicated deem trigger changes nothing the second time', async () => {
    const deps = await depositedConvocation();
    await runTriggersUntil(deps, '2023-05-07T00:00:00+02:00');
    const once = await deps.letters.get('CONV-1');

    await handleTrigger(deps, { kind: 'deem', letterId: 'CONV-1' });

    const twice = await deps.letters.get('CONV-1');
    expect(twice?.evidence).toEqual(once?.evidence);
    expect(await deadlinesAt(deps, deps.clock.now())).toMatchObject({ notificationDate: '2023-04-20', notifiedBy: 'deemed' });
  });

  it('R5: a deem trigger 25 hours late leaves every date as it would have been on time', async () => {
    const deps = await depositedConvocation();
    await runTriggersUntil(deps, '2023-05-05T23:00:00+02:00'); // reminders only
    deps.clock.set(plus(WINDOW_END, 25 * 3_600_000));

    await handleTrigger(deps, { kind: 'deem', letterId: 'CONV-1' });

    const letter = await deps.letters.get('CONV-1');
    expect(letter?.deemedAt).toBe(WINDOW_END);
    expect(letter?.evidence.find((e) => e.event === 'deemedNotified')?.at).toBe(WINDOW_END);
    expect(await deadlinesAt(deps, deps.clock.now())).toMatchObject({
      notificationDate: '2023-04-20',
      notifiedBy: 'deemed',
      consultationDeadline: '2023-05-05',
    });
  });

  it('R5: a lost deem trigger is repaired by the sweep with the same dates, and counted as repaired', async () => {
    const deps = await depositedConvocation();
    await runTriggersUntil(deps, '2023-05-05T23:00:00+02:00');
    deps.scheduler.due('2023-12-31T00:00:00Z'); // the schedule is lost
    deps.clock.set('2023-05-07T03:00:00+02:00');
    expect(await deadlinesAt(deps, deps.clock.now())).toMatchObject({ notifiedBy: 'deemed' }); // state follows time already

    const result = await sweep(deps);

    expect(result.repaired).toBeGreaterThanOrEqual(1);
    const letter = await deps.letters.get('CONV-1');
    expect(letter?.deemedAt).toBe(WINDOW_END);
    expect(await deadlinesAt(deps, deps.clock.now())).toMatchObject({ notificationDate: '2023-04-20', notifiedBy: 'deemed' });
    expect((await sweep(deps)).repaired).toBe(0);
  });

  it('R11: an SMS failing twice then accepted is accepted exactly once, with one alertSent evidence', async () => {
    const { deps } = await dynamoDeps();
    await givenActiveApplicant(deps, { phone: '+33612345678', email: null });
    deps.notifier.failNext('sms', 2);
    deps.clock.set(AVAILABLE_AT);
    await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV-2', type: 'introduction', content: aPdf('intro') });

    await runTriggersUntil(deps, '2023-04-21T00:00:00+02:00');

    expect(deps.notifier.sent('sms')).toHaveLength(1);
    const evidence = (await deps.letters.get('CONV-2'))?.evidence ?? [];
    expect(evidence.filter((e) => e.event === 'alertSent')).toHaveLength(1);
    expect(evidence.filter((e) => e.event === 'alertFailed')).toHaveLength(0);
  });

  it.each([
    ['one minute before windowEnd: consultation on that day (R4)', -60_000, { notificationDate: '2023-05-05', notifiedBy: 'consultation' }],
    ['one minute after windowEnd: deemed on the availability date (R5)', 60_000, { notificationDate: '2023-04-20', notifiedBy: 'deemed' }],
  ])('an opening %s, with the deem transition not yet run', async (_title, offset, expected) => {
    const deps = await depositedConvocation();
    await runTriggersUntil(deps, '2023-05-05T23:00:00+02:00'); // the deem trigger has not run
    deps.clock.set(plus(WINDOW_END, offset));

    await openDocument(deps, { agdref: AGDREF, documentId: 'CONV-1' });

    expect(await deadlinesAt(deps, plus(WINDOW_END, 3_600_000))).toMatchObject(expected);
  });
});
