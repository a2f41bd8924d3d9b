import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../shared/use-cases/authenticate.ts';
import { logIn } from '../../../shared/use-cases/log-in.ts';
import { reissueConnectionKey } from '../../../shared/use-cases/reissue-connection-key.ts';
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

  it('does the same work before answering whatever the account (one lookup, one lockout read, one hash); stores and sends only afterwards', async () => {
    const { deps } = await activeWithSession({ email: null });
    const work: string[] = [];
    const hash = deps.hasher.hash.bind(deps.hasher);
    deps.hasher.hash = (secret: string) => {
      work.push('hash');
      return hash(secret);
    };
    const deferred: Array<() => Promise<void>> = [];
    const later = (task: () => Promise<void>) => {
      deferred.push(task);
    };
    const workFor = async (identifier: string, channel: 'sms' | 'email') => {
      work.length = 0;
      await requestResetCode(deps, { identifier, channel }, later);
      return [...work];
    };

    const real = await workFor(AGDREF, 'sms');
    const sentBeforeTheAnswer = deps.notifier.attempts.length;
    const unknown = await workFor('7500000001', 'sms');
    const noChannel = await workFor(AGDREF, 'email');

    expect(real).toEqual(['hash']);
    expect(unknown).toEqual(real);
    expect(noChannel).toEqual(real);
    expect(sentBeforeTheAnswer).toBe(0);
    expect((await deps.applicants.get(AGDREF))?.resetCode).toBeNull();
    expect(deferred).toHaveLength(1);
    await deferred[0]?.();
    expect(deps.notifier.sent('sms')[0]?.text).toContain(deps.ids.resetCodes[0]);
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
