/**
 * The helpers' daily digest (use-cases/helper-digest.ts) on DynamoDB Local: concurrent runs (two
 * sweeps at once) send one e-mail, and the run uses only what the sweep function may do — GetItem,
 * Query and PutItem (infra/stacks/data-stack.ts `triggers`: no UpdateItem, no BatchWriteItem) — and
 * never a Scan.
 */
import { describe, expect, it, vi } from 'vitest';
import { dynamoDbRepositories } from '../../shared/adapters/aws/dynamodb-repositories.ts';
import { sendHelperDigests } from '../../shared/use-cases/helper-digest.ts';
import { AGDREF, OTHER_AGDREF, aLetter, anActiveHelper, makeDeps } from '../support/builders.ts';
import { freshTable } from '../support/dynamodb.ts';

const HELPER_ID = 'helper-1';
const EMAIL = 'a.martin@cada-example.org';

async function digestScene() {
  const table = await freshTable();
  const deps = makeDeps(dynamoDbRepositories(table));
  deps.clock.set('2023-05-02T08:10:00+02:00');
  await deps.helpers.create(anActiveHelper({ helperId: HELPER_ID, email: EMAIL }));
  for (const agdref of [AGDREF, OTHER_AGDREF]) {
    await deps.letters.create(aLetter({ id: `DOC-${agdref}`, agdref, availableAt: '2023-04-25T10:00:00+02:00' }));
    await deps.grants.putGrant({
      agdref,
      helperId: HELPER_ID,
      helperName: 'Anne Martin',
      organisation: 'CADA Example',
      grantedAt: '2023-04-01T08:00:00.000Z',
      expiresAt: '2023-10-01T22:00:00.000Z',
    });
  }
  await deps.helpers.setDigest({ helperId: HELPER_ID, email: EMAIL, language: 'fr', enabled: true });
  return { deps, table };
}

describe('helper daily digest on DynamoDB Local', () => {
  it('8 runs at once send one e-mail and write one access-log line per applicant', async () => {
    const { deps } = await digestScene();

    const results = await Promise.all(Array.from({ length: 8 }, () => sendHelperDigests(deps)));

    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    expect(results.reduce((sum, result) => sum + result.alreadyHandled, 0)).toBe(7);
    expect(deps.notifier.attempts.map((attempt) => attempt.message.to)).toEqual([EMAIL]);
    for (const agdref of [AGDREF, OTHER_AGDREF]) {
      expect((await deps.grants.accessLog(agdref, 10)).map((entry) => entry.what)).toEqual(['digest']);
    }
    expect((await deps.helpers.getDigest(HELPER_ID))?.lastDigestOn).toBe('2023-05-02');
  });

  it('uses only GetItem, Query and PutItem (the sweep function’s permissions), never a Scan', async () => {
    const { deps, table } = await digestScene();
    const send = vi.spyOn(table.client, 'send');

    await sendHelperDigests(deps);
    await sendHelperDigests(deps);

    const commands = send.mock.calls.map(([command]) => (command as object).constructor.name.replace(/Command$/, ''));
    // 1st run: Query subscribers, Put claim, Query grants, 2 × Query letters, 2 × Put log; 2nd run: Query subscribers.
    expect(commands.filter((name) => name === 'Put')).toHaveLength(3);
    expect([...new Set(commands)].sort()).toEqual(['Put', 'Query']);
    expect(deps.notifier.attempts).toHaveLength(1);
  });
});
