/**
 * The countdown before the lockout (docs/api.md lockout) that the pages show after a failure: it runs
 * down the same way for an existing account and for an identifier nobody has, so it reveals
 * nothing about which identifiers exist; digits in the applicant's script and Crockford
 * look-alikes are read as the stored forms.
 */
import { describe, expect, it } from 'vitest';
import { InvalidCredentialsError } from '../../../shared/errors.ts';
import { activateAccount } from '../../../shared/use-cases/activate-account.ts';
import { logIn } from '../../../shared/use-cases/log-in.ts';
import { LOCKOUT_THRESHOLD } from '../../../shared/use-cases/lockout.ts';
import { registerApplicant } from '../../../shared/use-cases/register-applicant.ts';
import { AGDREF, GOOD_PASSWORD, makeDeps } from '../../support/builders.ts';

async function attemptsLeftAfter(attempt: () => Promise<unknown>): Promise<number | string> {
  try {
    await attempt();
    return 'succeeded';
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return error.attemptsLeft ?? 'no count';
    return (error as { code?: string }).code ?? 'unexpected';
  }
}

describe('attempts left before the lockout', () => {
  it('counts down the same way for an existing account and for an unknown identifier, then both are locked', async () => {
    const deps = makeDeps();
    await registerApplicant(deps, { agdref: AGDREF });
    const known: Array<number | string> = [];
    const unknown: Array<number | string> = [];

    for (let i = 0; i < LOCKOUT_THRESHOLD + 1; i += 1) {
      known.push(await attemptsLeftAfter(() => logIn(deps, { identifier: AGDREF, password: 'Wrong&Password1' })));
      unknown.push(await attemptsLeftAfter(() => logIn(deps, { identifier: '7599999999', password: 'Wrong&Password1' })));
    }

    expect(known).toEqual(unknown);
    expect(known.slice(0, LOCKOUT_THRESHOLD)).toEqual([4, 3, 2, 1, 0]);
    expect(known.at(-1)).toBe('too_many_attempts');
  });

  it('counts activation failures on an unknown AGDREF like those on a registered one', async () => {
    const deps = makeDeps();
    await registerApplicant(deps, { agdref: AGDREF });
    const wrongKey = 'AAAA-AAAA-AAAA-AAAA';

    const known = await attemptsLeftAfter(() => activateAccount(deps, { agdref: AGDREF, connectionKey: wrongKey, password: GOOD_PASSWORD }));
    const unknown = await attemptsLeftAfter(() => activateAccount(deps, { agdref: '7599999999', connectionKey: wrongKey, password: GOOD_PASSWORD }));

    expect(known).toBe(LOCKOUT_THRESHOLD - 1);
    expect(unknown).toBe(known);
  });

  it('activates with the AGDREF in Persian digits and the key typed in lower case with O, I and L look-alikes', async () => {
    const deps = makeDeps();
    const { connectionKey } = await registerApplicant(deps, { agdref: AGDREF });
    const typed = connectionKey.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l');

    await activateAccount(deps, { agdref: '۷۵۱۲۳۴۵۶۷۸', connectionKey: typed, password: GOOD_PASSWORD });

    expect((await deps.applicants.get(AGDREF))?.activatedAt).not.toBeNull();
    await expect(logIn(deps, { identifier: '٧٥١٢٣٤٥٦٧٨', password: GOOD_PASSWORD })).resolves.toHaveProperty('token');
  });
});
