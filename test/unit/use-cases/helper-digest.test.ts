/**
 * The helpers' optional daily e-mail digest (docs/api.md "Helpers", use-cases/helper-digest.ts) on the
 * in-memory deps: off by default; once a Paris day from 08:00; counts only (never a name, an AGDREF
 * number, a title or a date); R4: it opens nothing and writes nothing to a letter; one access-log
 * line `digest` per applicant counted; a helper who follows nobody gets nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Letter } from '../../../shared/ports.ts';
import { isUrgent } from '../../../shared/domain/watch.ts';
import { getDigestPreference, sendHelperDigests, setDigestPreference } from '../../../shared/use-cases/helper-digest.ts';
import { listHelperApplicants } from '../../../shared/use-cases/helper-views.ts';
import { AGDREF, OTHER_AGDREF, PUBLIC_URL, aLetter, anActiveHelper, makeDeps } from '../../support/builders.ts';

const HELPER = anActiveHelper();

const TITLE = 'Convocation of Ms Secret-Name';
const BEFORE_EIGHT = '2023-05-02T07:59:00+02:00';
const AFTER_EIGHT = '2023-05-02T08:05:00+02:00';

/**
 * A helper followed by two applicants: AGDREF has one unread convocation whose window ends on
 * 5 May (≤ 5 days left on 2 May: urgent, a deadline within 7 days); OTHER_AGDREF has one unread
 * convocation of 28 April (window to 13 May) and one read letter.
 */
async function scene(options: { follow?: boolean } = {}) {
  const deps = makeDeps();
  deps.clock.set(BEFORE_EIGHT);
  await deps.helpers.create(HELPER);
  const letters: Letter[] = [
    aLetter({ id: 'DOC-A', agdref: AGDREF, availableAt: '2023-04-20T10:00:00+02:00', title: TITLE }),
    aLetter({ id: 'DOC-B', agdref: OTHER_AGDREF, availableAt: '2023-04-28T10:00:00+02:00', title: TITLE }),
    aLetter({ id: 'DOC-C', agdref: OTHER_AGDREF, availableAt: '2023-04-21T10:00:00+02:00', firstOpenedAt: '2023-04-22T09:00:00.000Z' }),
  ];
  for (const letter of letters) await deps.letters.create(letter);
  if (options.follow !== false) {
    for (const agdref of [AGDREF, OTHER_AGDREF]) {
      await deps.grants.putGrant({
        agdref,
        helperId: HELPER.helperId,
        helperName: HELPER.name,
        organisation: HELPER.organisation,
        grantedAt: '2023-04-01T08:00:00.000Z',
        expiresAt: '2023-10-01T22:00:00.000Z',
      });
    }
  }
  return deps;
}

describe('helper daily digest (use case)', () => {
  it('is off by default: no e-mail at all, and the preference reads off', async () => {
    const deps = await scene();
    deps.clock.set(AFTER_EIGHT);

    const result = await sendHelperDigests(deps);

    expect(result).toMatchObject({ due: true, sent: 0 });
    expect(deps.notifier.attempts).toEqual([]);
    expect(await getDigestPreference(deps, { helperId: HELPER.helperId })).toEqual({ enabled: false, language: 'fr' });
  });

  it('sends nothing before 08:00 Paris, then one e-mail to the log-in address with counts only and a link to /helper', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'en' });

    expect(await sendHelperDigests(deps)).toMatchObject({ due: false, sent: 0 });
    expect(deps.notifier.attempts).toEqual([]);

    deps.clock.set(AFTER_EIGHT);
    expect(await sendHelperDigests(deps)).toMatchObject({ due: true, sent: 1 });

    const [mail] = deps.notifier.sent('email', HELPER.email);
    expect(deps.notifier.attempts).toHaveLength(1);
    expect(mail?.language).toBe('en');
    // The same figures as the helper's own list, counted independently here.
    const listed = await listHelperApplicants(deps, { helperId: HELPER.helperId });
    const unread = listed.reduce((sum, applicant) => sum + applicant.unreadCount, 0);
    const urgent = listed.filter(isUrgent).length;
    expect(unread).toBe(2);
    expect(urgent).toBe(1);
    expect(mail?.text).toContain(`- ${listed.length} people you follow;`);
    expect(mail?.text).toContain(`- ${unread} unread letters;`);
    expect(mail?.text).toContain(`- ${urgent} person has an unread letter with 5 days or fewer left`);
    expect(mail?.text).toContain('- 1 person has a deadline within the next 7 days.');
    expect(mail?.text).toContain(`${PUBLIC_URL}/helper`);
    // Never a name, a number or a date that identifies someone.
    const everything = `${mail?.subject ?? ''}\n${mail?.text ?? ''}`;
    for (const secret of [AGDREF, OTHER_AGDREF, TITLE, 'Secret-Name', HELPER.name, 'DOC-A', 'DOC-B', 'convocation', 'Convocation']) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}|\b(May|April|mai|avril)\b/);
  });

  it('is sent once a Paris day: later runs that day send nothing, the next day sends again (in French when chosen)', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);

    await sendHelperDigests(deps);
    deps.clock.set('2023-05-02T23:59:00+02:00');
    const later = await sendHelperDigests(deps);
    expect(later).toMatchObject({ sent: 0, alreadyHandled: 1 });
    expect(deps.notifier.sent('email')).toHaveLength(1);

    deps.clock.set('2023-05-03T00:30:00+02:00');
    expect(await sendHelperDigests(deps)).toMatchObject({ due: false, sent: 0 });
    deps.clock.set('2023-05-03T08:00:00+02:00');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 1 });
    const mails = deps.notifier.sent('email');
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe('Espace des aidants : votre résumé du jour');
    expect(mails[1]?.text).toContain('- 2 courriers non lus ;');
    expect(mails[1]?.id).not.toBe(mails[0]?.id);
  });

  it('concurrent runs (the hourly sweep twice at once) send one e-mail', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);

    const results = await Promise.all(Array.from({ length: 5 }, () => sendHelperDigests(deps)));

    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    expect(deps.notifier.attempts).toHaveLength(1);
  });

  it('R4: opens no letter and writes nothing to any letter; each applicant counted gets one access-log line "digest"', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);
    const before = JSON.stringify([await deps.letters.listForApplicant(AGDREF), await deps.letters.listForApplicant(OTHER_AGDREF)]);

    await sendHelperDigests(deps);
    await sendHelperDigests(deps);

    const after = JSON.stringify([await deps.letters.listForApplicant(AGDREF), await deps.letters.listForApplicant(OTHER_AGDREF)]);
    expect(after).toBe(before);
    expect(after).not.toContain('"opened"');
    for (const agdref of [AGDREF, OTHER_AGDREF]) {
      const log = await deps.grants.accessLog(agdref, 10);
      expect(log.map((entry) => [entry.what, entry.helperId, entry.at])).toEqual([['digest', HELPER.helperId, deps.clock.now()]]);
    }
  });

  it('a helper who follows nobody gets no e-mail (the day counts as handled); one turned off gets nothing either', async () => {
    const deps = await scene({ follow: false });
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);

    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, nothingToSend: 1 });
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, nothingToSend: 0, alreadyHandled: 1 });
    expect(deps.notifier.attempts).toEqual([]);

    const followed = await scene();
    await setDigestPreference(followed, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    await setDigestPreference(followed, { helperId: HELPER.helperId, enabled: false, language: 'fr' });
    followed.clock.set(AFTER_EIGHT);
    expect(await sendHelperDigests(followed)).toMatchObject({ sent: 0, alreadyHandled: 0, nothingToSend: 0 });
    expect(followed.notifier.attempts).toEqual([]);
  });

  it('a temporary send failure gives the day back (the next run sends); a permanent one does not retry that day', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);

    deps.notifier.failNext('email', 1, 'temporaryFailure');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, failed: 1 });
    deps.clock.set('2023-05-02T09:05:00+02:00');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 1 });
    expect(deps.notifier.sent('email')).toHaveLength(1);

    deps.clock.set('2023-05-03T08:05:00+02:00');
    deps.notifier.failNext('email', 1, 'permanentFailure');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, failed: 1 });
    deps.clock.set('2023-05-03T09:05:00+02:00');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, alreadyHandled: 1 });
    expect(deps.notifier.attempts).toHaveLength(3);
  });

  it('a send the provider refuses for rate gives the day back too: the next run sends', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);

    deps.notifier.failNext('email', 1, 'throttled');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, failed: 1 });
    deps.clock.set('2023-05-02T09:05:00+02:00');
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 1 });
    expect(deps.notifier.sent('email')).toHaveLength(1);
  });

  it('turning it on keeps the day already handled (off and on again the same day sends no second e-mail)', async () => {
    const deps = await scene();
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'fr' });
    deps.clock.set(AFTER_EIGHT);
    await sendHelperDigests(deps);

    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: false, language: 'fr' });
    await setDigestPreference(deps, { helperId: HELPER.helperId, enabled: true, language: 'en' });
    expect(await sendHelperDigests(deps)).toMatchObject({ sent: 0, alreadyHandled: 1 });
    expect(deps.notifier.sent('email')).toHaveLength(1);
  });
});
