import { describe, expect, it } from 'vitest';
import { FastHasher } from '../../../simulator/fast-hasher.ts';
import { activateAccount } from '../../../shared/use-cases/activate-account.ts';
import { authenticate } from '../../../shared/use-cases/authenticate.ts';
import { logIn, sessionTokenHash } from '../../../shared/use-cases/log-in.ts';
import { logOut } from '../../../shared/use-cases/log-out.ts';
import { registerApplicant } from '../../../shared/use-cases/register-applicant.ts';
import { reissueConnectionKey } from '../../../shared/use-cases/reissue-connection-key.ts';
import { AGDREF, GOOD_PASSWORD, givenActiveApplicant, makeDeps, type TestDeps } from '../../support/builders.ts';

const WRONG_PASSWORD = 'Wrong&Password123';

async function registered() {
  const deps = makeDeps();
  const { connectionKey } = await registerApplicant(deps, { agdref: AGDREF, ofpraFileNumber: '2201234567', phone: '06 12 34 56 78' });
  return { deps, connectionKey };
}

async function failLogins(deps: TestDeps, count: number, identifier = AGDREF) {
  for (let i = 0; i < count; i += 1) {
    await expect(logIn(deps, { identifier, password: WRONG_PASSWORD })).rejects.toMatchObject({ code: 'invalid_credentials' });
  }
}

/** A hasher that counts verifications, to see that unknown accounts cost the same work. */
class CountingHasher extends FastHasher {
  verifications = 0;
  override async verify(hash: string, secret: string): Promise<boolean> {
    this.verifications += 1;
    return super.verify(hash, secret);
  }
}

describe('registerApplicant', () => {
  it('returns the connection key in clear once and stores only its hash', async () => {
    const { deps, connectionKey } = await registered();

    const stored = await deps.applicants.get(AGDREF);

    expect(connectionKey).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(stored?.connectionKeyHash).not.toContain(connectionKey.replaceAll('-', ''));
    expect(stored).toMatchObject({ phone: '+33612345678', language: 'fr', paperDerogation: false, passwordHash: null });
  });

  it('names every invalid field', async () => {
    const deps = makeDeps();

    const attempt = registerApplicant(deps, { agdref: '123', ofpraFileNumber: '12', phone: '0123456789', email: 'nope', language: 'xx' });

    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_request',
      fields: { agdref: expect.any(String), ofpraFileNumber: expect.any(String), phone: expect.any(String), email: expect.any(String), language: expect.any(String) },
    });
  });

  it('refuses an AGDREF or an office file number already taken (already_exists)', async () => {
    const { deps } = await registered();

    await expect(registerApplicant(deps, { agdref: AGDREF })).rejects.toMatchObject({ code: 'already_exists' });
    await expect(registerApplicant(deps, { agdref: '7500000001', ofpraFileNumber: '2201234567' })).rejects.toMatchObject({ code: 'already_exists' });
  });
});

describe('activateAccount', () => {
  it('sets the password and spends the key, typed in any case and grouping', async () => {
    const { deps, connectionKey } = await registered();

    await activateAccount(deps, { agdref: AGDREF, connectionKey: connectionKey.toLowerCase().replaceAll('-', ' '), password: GOOD_PASSWORD });

    const stored = await deps.applicants.get(AGDREF);
    expect(stored?.connectionKeyHash).toBeNull();
    expect(stored?.activatedAt).toBe(deps.clock.now());
    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('refuses a password the policy refuses, naming each unmet rule, without counting a failure', async () => {
    const { deps, connectionKey } = await registered();

    await expect(activateAccount(deps, { agdref: AGDREF, connectionKey, password: 'short' })).rejects.toMatchObject({
      code: 'invalid_password',
      unmetRules: ['minLength', 'uppercase', 'digit', 'special'],
    });
    expect((await deps.applicants.get(AGDREF))?.failedAttempts).toEqual([]);
  });

  it('answers a wrong key and an unknown AGDREF the same way (invalid_credentials)', async () => {
    const { deps } = await registered();

    const wrongKey = await activateAccount(deps, { agdref: AGDREF, connectionKey: 'AAAA-BBBB-CCCC-DDDD', password: GOOD_PASSWORD }).catch((e: unknown) => e);
    const unknown = await activateAccount(deps, { agdref: '7500000001', connectionKey: 'AAAA-BBBB-CCCC-DDDD', password: GOOD_PASSWORD }).catch((e: unknown) => e);

    expect(wrongKey).toMatchObject({ code: 'invalid_credentials' });
    expect(unknown).toEqual(wrongKey);
  });

  it('refuses a second activation (already_active); the spent key is dead', async () => {
    const { deps, connectionKey } = await registered();
    await activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD });

    await expect(activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'already_active' });
  });

  it('answers already_active only to the key that activated the space: any other key is a counted wrong key (docs/api.md)', async () => {
    const { deps, connectionKey } = await registered();
    await activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD });
    const otherKey = { agdref: AGDREF, connectionKey: 'AAAA-BBBB-CCCC-DDDD', password: GOOD_PASSWORD };

    for (let i = 0; i < 3; i += 1) {
      await expect(activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'already_active' });
    }
    for (let i = 0; i < 5; i += 1) await expect(activateAccount(deps, otherKey)).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(activateAccount(deps, otherKey)).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'too_many_attempts' });
  });

  it('locks out after 5 wrong keys, even with the right key', async () => {
    const { deps, connectionKey } = await registered();
    for (let i = 0; i < 5; i += 1) {
      await expect(activateAccount(deps, { agdref: AGDREF, connectionKey: 'AAAA-BBBB-CCCC-DDDD', password: GOOD_PASSWORD })).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
    }

    await expect(activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
      retryAfterSeconds: 900,
    });
  });
});

describe('reissueConnectionKey', () => {
  it('issues a new key and the old one stops working', async () => {
    const { deps, connectionKey: old } = await registered();

    const { connectionKey } = await reissueConnectionKey(deps, { agdref: AGDREF });

    await expect(activateAccount(deps, { agdref: AGDREF, connectionKey: old, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(activateAccount(deps, { agdref: AGDREF, connectionKey, password: GOOD_PASSWORD })).resolves.toBeUndefined();
  });

  it('answers not found for an unknown applicant', async () => {
    const deps = makeDeps();

    await expect(reissueConnectionKey(deps, { agdref: AGDREF })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('logIn', () => {
  it('opens a 30-minute session by AGDREF number, storing only the SHA-256 of the token', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);

    const { token, expiresAt } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });

    expect(expiresAt).toBe('2023-04-20T08:30:00.000Z');
    expect(await deps.sessions.get(token, deps.clock.now())).toBeNull();
    expect(await deps.sessions.get(sessionTokenHash(token), deps.clock.now())).toMatchObject({ agdref: AGDREF });
  });

  it('opens a session by office file number too', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps, { ofpraFileNumber: '2201234567' });

    await expect(logIn(deps, { identifier: '2201234567', password: GOOD_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('answers a wrong password and an unknown identifier identically, after verifying a hash in both cases', async () => {
    const hasher = new CountingHasher();
    const deps = makeDeps({ hasher });
    await givenActiveApplicant(deps);
    hasher.verifications = 0;

    const wrong = await logIn(deps, { identifier: AGDREF, password: WRONG_PASSWORD }).catch((error: unknown) => error);
    const unknown = await logIn(deps, { identifier: '7500000001', password: WRONG_PASSWORD }).catch((error: unknown) => error);

    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ code: 'invalid_credentials' });
    expect(hasher.verifications).toBe(2);
  });

  it('refuses an account not activated yet like a wrong password', async () => {
    const { deps } = await registered();

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('locks out after 5 failures within 15 minutes, even with the right password, for 15 minutes', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    await failLogins(deps, 5);
    deps.clock.advance({ minutes: 5 });

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
      retryAfterSeconds: 600,
    });
    deps.clock.advance({ minutes: 10 });
    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('counts failures per applicant whichever identifier was used', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps, { ofpraFileNumber: '2201234567' });
    await failLogins(deps, 3, AGDREF);
    await failLogins(deps, 2, '2201234567');

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'too_many_attempts' });
  });

  it('does not lock out for 5 failures spread over more than 15 minutes', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    for (let i = 0; i < 5; i += 1) {
      await failLogins(deps, 1);
      deps.clock.advance({ minutes: 4 });
    }

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('forgets earlier failures after a successful login', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    await failLogins(deps, 4);
    await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });
    await failLogins(deps, 4);

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('evaluates at most 5 of 50 parallel guesses, the right one last included; the rest get 429, nothing else', async () => {
    const hasher = new CountingHasher();
    const deps = makeDeps({ hasher });
    await givenActiveApplicant(deps);
    hasher.verifications = 0;
    const guesses = [...Array.from({ length: 49 }, (_, i) => `${WRONG_PASSWORD}${i}`), GOOD_PASSWORD];

    const outcomes = await Promise.allSettled(guesses.map((password) => logIn(deps, { identifier: AGDREF, password })));

    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code: string }).code : 'ok'));
    expect(hasher.verifications).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === 'invalid_credentials')).toHaveLength(hasher.verifications);
    expect(codes.filter((code) => code === 'too_many_attempts')).toHaveLength(50 - hasher.verifications);
    expect(codes.at(-1)).toBe('too_many_attempts');
  });

  it('locks an unknown identifier out exactly like a real one: identical answers for 7 wrong logins', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    const answers = async (identifier: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i += 1) seen.push(await logIn(deps, { identifier, password: WRONG_PASSWORD }).catch((error: unknown) => error));
      return seen.map((error) => ({ ...(error as { code: string }), message: (error as Error).message, name: (error as Error).name }));
    };

    const real = await answers(AGDREF);
    const unknown = await answers('7500000001');

    expect(unknown).toEqual(real);
    expect(real.map((answer) => (answer as { code: string }).code)).toEqual([
      ...Array.from({ length: 5 }, () => 'invalid_credentials'),
      'too_many_attempts',
      'too_many_attempts',
    ]);
    expect(deps.attempts.size()).toBe(2);
  });
});

describe('authenticate', () => {
  it('slides the idle expiry: a session used every 20 minutes stays open', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    const { token } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });
    deps.clock.advance({ minutes: 20 });
    await authenticate(deps, { token });
    deps.clock.advance({ minutes: 20 });

    await expect(authenticate(deps, { token })).resolves.toMatchObject({ agdref: AGDREF, expiresAt: '2023-04-20T09:10:00.000Z' });
  });

  it('expires a session idle for 30 minutes', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    const { token } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });
    deps.clock.advance({ minutes: 30 });

    await expect(authenticate(deps, { token })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('ends every session 12 hours after login, however active', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    const { token } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      deps.clock.advance({ minutes: 20 });
      await authenticate(deps, { token });
    }
    deps.clock.advance({ minutes: 20 });

    await expect(authenticate(deps, { token })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses an unknown or empty token', async () => {
    const deps = makeDeps();

    await expect(authenticate(deps, { token: 'made-up' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(deps, { token: '' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('logOut', () => {
  it('revokes the session server-side', async () => {
    const deps = makeDeps();
    await givenActiveApplicant(deps);
    const { token } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });

    await logOut(deps, { token });

    await expect(authenticate(deps, { token })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('is a no-op for an unknown token', async () => {
    const deps = makeDeps();

    await expect(logOut(deps, { token: 'made-up' })).resolves.toBeUndefined();
  });
});
