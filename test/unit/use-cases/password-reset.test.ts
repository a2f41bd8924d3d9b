import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../shared/use-cases/authenticate.ts';
import { logIn } from '../../../shared/use-cases/log-in.ts';
import { reissueConnectionKey } from '../../../shared/use-cases/reissue-connection-key.ts';
import type { ResetCodeRequest } from '../../../shared/ports.ts';
import { issueResetCode } from '../../../shared/use-cases/issue-reset-code.ts';
import { requestResetCode } from '../../../shared/use-cases/request-reset-code.ts';
import { resetPasswordWithCode } from '../../../shared/use-cases/reset-password-with-code.ts';
import { resetPasswordWithKey } from '../../../shared/use-cases/reset-password-with-key.ts';
import { AGDREF, GOOD_PASSWORD, givenActiveApplicant, makeDeps } from '../../support/builders.ts';

const NEW_PASSWORD = 'Another&Secret2024';

async function activeWithSession(overrides: Parameters<typeof givenActiveApplicant>[1] = {}) {
  const deps = makeDeps();
  await givenActiveApplicant(deps, overrides);
  const { token } = await logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD });
  return { deps, token };
}

describe('resetPasswordWithKey', () => {
  it('sets the new password, spends the key and revokes every session', async () => {
    const { deps, token } = await activeWithSession();
    const { connectionKey } = await reissueConnectionKey(deps, { agdref: AGDREF });

    await resetPasswordWithKey(deps, { identifier: AGDREF, connectionKey, newPassword: NEW_PASSWORD });

    await expect(authenticate(deps, { token })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(logIn(deps, { identifier: AGDREF, password: NEW_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
    await expect(resetPasswordWithKey(deps, { identifier: AGDREF, connectionKey, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('refuses a password the policy refuses without counting a failure', async () => {
    const { deps } = await activeWithSession();
    const { connectionKey } = await reissueConnectionKey(deps, { agdref: AGDREF });

    await expect(resetPasswordWithKey(deps, { identifier: AGDREF, connectionKey, newPassword: 'password' })).rejects.toMatchObject({ code: 'invalid_password' });
    expect((await deps.applicants.get(AGDREF))?.failedAttempts).toEqual([]);
  });

  it('counts a wrong key as a failure shared with login', async () => {
    const { deps } = await activeWithSession();
    const { connectionKey } = await reissueConnectionKey(deps, { agdref: AGDREF });
    for (let i = 0; i < 5; i += 1) {
      await expect(resetPasswordWithKey(deps, { identifier: AGDREF, connectionKey: 'AAAA-BBBB-CCCC-DDDD', newPassword: NEW_PASSWORD })).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
    }

    await expect(logIn(deps, { identifier: AGDREF, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(resetPasswordWithKey(deps, { identifier: AGDREF, connectionKey, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
    });
  });

  it('answers an unknown identifier like a wrong key', async () => {
    const deps = makeDeps();

    await expect(resetPasswordWithKey(deps, { identifier: '7500000001', connectionKey: 'AAAA-BBBB-CCCC-DDDD', newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });
});

describe('requestResetCode', () => {
  it('sends a six-digit code valid 15 minutes by SMS, storing only its hash', async () => {
    const { deps } = await activeWithSession();

    await requestResetCode(deps, { identifier: AGDREF, channel: 'sms' });

    const [code] = deps.ids.resetCodes;
    const [message] = deps.notifier.sent('sms');
    expect(code).toMatch(/^\d{6}$/);
    expect(message?.to).toBe('+33612345678');
    expect(message?.text).toContain(code);
    const stored = await deps.applicants.get(AGDREF);
    expect(stored?.resetCode).toMatchObject({ expiresAt: '2023-04-20T08:15:00.000Z', wrongTries: 0 });
    expect(stored?.resetCode?.hash).not.toContain(code);
  });

  it('is silent for an unknown identifier and for a channel the account does not have', async () => {
    const { deps } = await activeWithSession({ email: null });

    await expect(requestResetCode(deps, { identifier: '7500000001', channel: 'sms' })).resolves.toBeUndefined();
    await expect(requestResetCode(deps, { identifier: AGDREF, channel: 'email' })).resolves.toBeUndefined();

    expect(deps.notifier.attempts).toEqual([]);
  });

  it('answers after the same work whatever the account: no store, lockout, hash or notifier call — one request handed on', async () => {
    const { deps } = await activeWithSession({ email: null });
    const calls: string[] = [];
    /** Every method call on the ports the issuing uses, recorded by name. */
    const counted = <T extends object>(name: string, port: T): T =>
      new Proxy(port, {
        get: (target, key, receiver) => {
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? (...args: unknown[]) => (calls.push(`${name}.${String(key)}`), (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
        },
      });
    const submitted: ResetCodeRequest[] = [];
    const requestPath = {
      ...deps,
      applicants: counted('applicants', deps.applicants),
      attempts: counted('attempts', deps.attempts),
      hasher: counted('hasher', deps.hasher),
      ids: counted('ids', deps.ids),
      notifier: counted('notifier', deps.notifier),
      resetCodeRequests: { submit: async (request: ResetCodeRequest) => void submitted.push(request) },
    };

    await requestResetCode(requestPath, { identifier: AGDREF, channel: 'sms' });
    await requestResetCode(requestPath, { identifier: '7500000001', channel: 'sms' });
    await requestResetCode(requestPath, { identifier: ` ${AGDREF.slice(0, 5)}.${AGDREF.slice(5)}`, channel: 'email' });

    expect(calls).toEqual([]);
    const requestedAt = deps.clock.now();
    expect(submitted).toStrictEqual([
      { identifier: AGDREF, channel: 'sms', requestedAt },
      { identifier: '7500000001', channel: 'sms', requestedAt },
      { identifier: AGDREF, channel: 'email', requestedAt },
    ]);
    expect((await deps.applicants.get(AGDREF))?.resetCode).toBeNull();

    // After the answer, the issuing: only the real account with that channel gets a code.
    for (const request of submitted) await issueResetCode(deps, request);
    expect(deps.notifier.sent('sms').map((message) => message.text)).toEqual([expect.stringContaining(deps.ids.resetCodes[0] ?? 'no code')]);
    expect(deps.ids.resetCodes).toHaveLength(1);
  });

  it('issues one code for a request handed on twice, and none for a request older than a code’s lifetime', async () => {
    const { deps } = await activeWithSession();
    const request = { identifier: AGDREF, channel: 'sms' as const, requestedAt: deps.clock.now() };
    await issueResetCode(deps, request);
    deps.clock.advance({ minutes: 2 });
    await issueResetCode(deps, request);
    expect(deps.notifier.sent('sms')).toHaveLength(1);

    const stale = { identifier: AGDREF, channel: 'email' as const, requestedAt: deps.clock.now() };
    deps.clock.advance({ minutes: 15 });
    await issueResetCode(deps, stale);
    expect(deps.notifier.sent('email')).toEqual([]);
  });

  it('is silent for an account locked out when the request is issued', async () => {
    const { deps } = await activeWithSession();
    for (let i = 0; i < 5; i += 1) await expect(logIn(deps, { identifier: AGDREF, password: 'Wrong&Password9' })).rejects.toMatchObject({ code: 'invalid_credentials' });

    await requestResetCode(deps, { identifier: AGDREF, channel: 'sms' });

    expect(deps.notifier.attempts).toEqual([]);
    expect((await deps.applicants.get(AGDREF))?.resetCode).toBeNull();
  });

  it('sends at most one code a minute', async () => {
    const { deps } = await activeWithSession();
    await requestResetCode(deps, { identifier: AGDREF, channel: 'sms' });
    deps.clock.advance({ seconds: 30 });
    await requestResetCode(deps, { identifier: AGDREF, channel: 'email' });
    deps.clock.advance({ seconds: 30 });
    await requestResetCode(deps, { identifier: AGDREF, channel: 'email' });

    expect(deps.notifier.accepted.map((m) => m.channel)).toEqual(['sms', 'email']);
  });
});

describe('resetPasswordWithCode', () => {
  async function withCode() {
    const { deps, token } = await activeWithSession();
    await requestResetCode(deps, { identifier: AGDREF, channel: 'sms' });
    return { deps, token, code: deps.ids.resetCodes[0] ?? '' };
  }

  it('sets the new password and revokes every session; the code is single use', async () => {
    const { deps, token, code } = await withCode();

    await resetPasswordWithCode(deps, { identifier: AGDREF, code, newPassword: NEW_PASSWORD });

    await expect(authenticate(deps, { token })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(logIn(deps, { identifier: AGDREF, password: NEW_PASSWORD })).resolves.toMatchObject({ token: expect.any(String) });
    await expect(resetPasswordWithCode(deps, { identifier: AGDREF, code, newPassword: GOOD_PASSWORD })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('refuses a code after its 15 minutes', async () => {
    const { deps, code } = await withCode();
    deps.clock.advance({ minutes: 15 });

    await expect(resetPasswordWithCode(deps, { identifier: AGDREF, code, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('burns the code after 5 wrong codes, and the failures lock the account out', async () => {
    const { deps, code } = await withCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      await expect(resetPasswordWithCode(deps, { identifier: AGDREF, code: wrong, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
    }

    await expect(resetPasswordWithCode(deps, { identifier: AGDREF, code, newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
    });
    expect((await deps.applicants.get(AGDREF))?.resetCode).toBeNull();
  });

  it('refuses a password the policy refuses without spending a try', async () => {
    const { deps, code } = await withCode();

    await expect(resetPasswordWithCode(deps, { identifier: AGDREF, code, newPassword: 'weak' })).rejects.toMatchObject({ code: 'invalid_password' });
    expect((await deps.applicants.get(AGDREF))?.resetCode?.wrongTries).toBe(0);
  });

  it('answers an unknown identifier like a wrong code', async () => {
    const deps = makeDeps();

    await expect(resetPasswordWithCode(deps, { identifier: '7500000001', code: '123456', newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });
});
