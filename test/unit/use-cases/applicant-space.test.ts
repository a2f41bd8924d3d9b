import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../shared/errors.ts';
import { depositDocument } from '../../../shared/use-cases/deposit-document.ts';
import { exportEvidence } from '../../../shared/use-cases/export-evidence.ts';
import { getProfile } from '../../../shared/use-cases/get-profile.ts';
import { listDocuments } from '../../../shared/use-cases/list-documents.ts';
import { openDocument } from '../../../shared/use-cases/open-document.ts';
import { recordLegalAid } from '../../../shared/use-cases/record-legal-aid.ts';
import { setContact } from '../../../shared/use-cases/set-contact.ts';
import { setLanguage } from '../../../shared/use-cases/set-language.ts';
import { AGDREF, OTHER_AGDREF, aDecision, aPdf, deliverQueued, givenApplicant, makeDeps } from '../../support/builders.ts';

async function withLetters() {
  const deps = makeDeps();
  await givenApplicant(deps);
  await givenApplicant(deps, { agdref: OTHER_AGDREF, ofpraFileNumber: null });
  await depositDocument(deps, { agdref: AGDREF, documentId: 'OLD', type: 'introduction', content: aPdf('old') });
  deps.clock.advance({ days: 2 });
  await depositDocument(deps, { agdref: AGDREF, documentId: 'NEW', type: 'convocation', content: aPdf('new') });
  await depositDocument(deps, { agdref: OTHER_AGDREF, documentId: 'THEIRS', type: 'convocation', content: aPdf('theirs') });
  await deliverQueued(deps);
  return deps;
}

describe('getProfile', () => {
  it('shows the account and how many letters are unread', async () => {
    const deps = await withLetters();
    await openDocument(deps, { agdref: AGDREF, documentId: 'OLD' });

    const profile = await getProfile(deps, { agdref: AGDREF });

    expect(profile).toEqual({
      agdref: AGDREF,
      ofpraFileNumber: '2201234567',
      language: 'fr',
      phone: '+33612345678',
      email: 'applicant@example.org',
      unreadCount: 1,
      paperDerogation: false,
    });
  });

  it('answers not found for an unknown applicant', async () => {
    await expect(getProfile(makeDeps(), { agdref: AGDREF })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('listDocuments', () => {
  it("R6: lists only the applicant's letters, newest first", async () => {
    const deps = await withLetters();

    const documents = await listDocuments(deps, { agdref: AGDREF });

    expect(documents.map((d) => [d.id, d.status, d.daysLeft])).toEqual([
      ['NEW', 'unread', 16],
      ['OLD', 'unread', null],
    ]);
  });

  it("R6: labels each type in French, English and the applicant's language (English until the HTTP catalogue translates)", async () => {
    const deps = await withLetters();
    await setLanguage(deps, { agdref: AGDREF, language: 'ar' });

    const [document] = await listDocuments(deps, { agdref: AGDREF });

    expect(document?.label).toEqual({ fr: 'Convocation', en: 'Appointment', ar: 'Appointment' });
  });
});

describe('setContact', () => {
  it('stores a French mobile in E.164 and an e-mail; null removes; a field left out is kept', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    expect(await setContact(deps, { agdref: AGDREF, phone: '07.98.76.54.32' })).toEqual({ phone: '+33798765432', email: 'applicant@example.org' });
    expect(await setContact(deps, { agdref: AGDREF, email: null })).toEqual({ phone: '+33798765432', email: null });
  });

  it('refuses a number that is not a French mobile (invalid_phone) and a bad e-mail (invalid_email)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(setContact(deps, { agdref: AGDREF, phone: '01 23 45 67 89' })).rejects.toMatchObject({ code: 'invalid_phone', fields: { phone: expect.any(String) } });
    await expect(setContact(deps, { agdref: AGDREF, email: 'not an address' })).rejects.toMatchObject({ code: 'invalid_email' });
  });

  it('answers not found for an unknown applicant', async () => {
    await expect(setContact(makeDeps(), { agdref: AGDREF, phone: null })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('setLanguage', () => {
  it('sets a supported language', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await setLanguage(deps, { agdref: AGDREF, language: 'ti' });

    expect((await deps.applicants.get(AGDREF))?.language).toBe('ti');
  });

  it('refuses an unsupported language (unsupported_language)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);

    await expect(setLanguage(deps, { agdref: AGDREF, language: 'xx' })).rejects.toMatchObject({ code: 'unsupported_language' });
  });
});

describe('recordLegalAid', () => {
  async function notifiedRejection() {
    // R9 worked example: decision notified 2019-06-04 by consultation.
    const deps = makeDeps();
    await givenApplicant(deps);
    deps.clock.set('2019-06-03T10:00:00+02:00');
    await depositDocument(deps, { agdref: AGDREF, documentId: 'DEC', type: 'decision', outcome: 'rejection', content: aPdf('decision') });
    deps.clock.set('2019-06-04T09:00:00+02:00');
    await openDocument(deps, { agdref: AGDREF, documentId: 'DEC' });
    return deps;
  }

  it('R9: a request suspends the appeal period, and the legal-aid decision resumes it (worked example → 2019-08-26)', async () => {
    const deps = await notifiedRejection();
    deps.clock.set('2019-06-17T12:00:00+02:00');

    const pending = await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-17' });
    deps.clock.set('2019-08-06T12:00:00+02:00');
    const decided = await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-17', decisionNotifiedOn: '2019-08-06' });

    expect(pending).toMatchObject({ appealDeadline: null, legalAidDeadline: '2019-06-19', legalAid: { requestedOn: '2019-06-17', decisionNotifiedOn: null } });
    expect(decided).toMatchObject({ appealDeadline: '2019-08-26', legalAid: { requestedOn: '2019-06-17', decisionNotifiedOn: '2019-08-06' } });
    const events = (await deps.letters.get('DEC'))?.evidence.filter((e) => e.event.startsWith('legalAid'));
    expect(events?.map((e) => [e.event, e.date])).toEqual([
      ['legalAidRequested', '2019-06-17'],
      ['legalAidDecided', '2019-08-06'],
    ]);
  });

  it('R9/R12: repeating the same dates records no second evidence event', async () => {
    const deps = await notifiedRejection();
    deps.clock.set('2019-06-17T12:00:00+02:00');
    await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-17' });
    const before = await deps.letters.get('DEC');

    await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-17' });

    expect(await deps.letters.get('DEC')).toEqual(before);
  });

  it('R9: refuses to change a recorded request date', async () => {
    const deps = await notifiedRejection();
    deps.clock.set('2019-06-17T12:00:00+02:00');
    await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-17' });

    await expect(recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-16' })).rejects.toMatchObject({
      fields: { requestedOn: expect.any(String) },
    });
  });

  it('R9: validates the dates, naming each bad field', async () => {
    const deps = await notifiedRejection();
    deps.clock.set('2019-06-17T12:00:00+02:00');

    const malformed = await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-02-30' }).catch((e: ValidationError) => e);
    const future = await recordLegalAid(deps, { agdref: AGDREF, documentId: 'DEC', requestedOn: '2019-06-18' }).catch((e: ValidationError) => e);
    const backwards = await recordLegalAid(deps, {
      agdref: AGDREF,
      documentId: 'DEC',
      requestedOn: '2019-06-10',
      decisionNotifiedOn: '2019-06-09',
    }).catch((e: ValidationError) => e);

    expect(malformed).toMatchObject({ code: 'invalid_request', fields: { requestedOn: expect.any(String) } });
    expect(future).toMatchObject({ fields: { requestedOn: expect.any(String) } });
    expect(backwards).toMatchObject({ fields: { decisionNotifiedOn: expect.any(String) } });
  });

  it('R7: refuses a decision granting refugee status and a letter that is not a decision (not_appealable)', async () => {
    const deps = makeDeps();
    await givenApplicant(deps);
    await deps.letters.create(aDecision({ id: 'GRANTED', outcome: 'refugeeStatus' }));
    await depositDocument(deps, { agdref: AGDREF, documentId: 'CONV', type: 'convocation', content: aPdf() });

    await expect(recordLegalAid(deps, { agdref: AGDREF, documentId: 'GRANTED', requestedOn: '2023-04-20' })).rejects.toMatchObject({ code: 'not_appealable' });
    await expect(recordLegalAid(deps, { agdref: AGDREF, documentId: 'CONV', requestedOn: '2023-04-20' })).rejects.toMatchObject({ code: 'not_appealable' });
  });

  it("answers not found for another applicant's decision", async () => {
    const deps = await notifiedRejection();

    await expect(recordLegalAid(deps, { agdref: OTHER_AGDREF, documentId: 'DEC', requestedOn: '2019-06-04' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('exportEvidence', () => {
  it('R12: exports the hash-chained events of a letter, chain valid', async () => {
    const deps = await withLetters();
    await openDocument(deps, { agdref: AGDREF, documentId: 'NEW' });

    const exported = await exportEvidence(deps, { agdref: AGDREF, documentId: 'NEW' });

    expect(exported.chainValid).toBe(true);
    expect(exported.events.map((e) => e.event)).toEqual(['deposited', 'alertSent', 'alertSent', 'firstOpened']);
    expect(exported.events[0]?.previousHash).toBe('0'.repeat(64));
    expect(exported.document.id).toBe('NEW');
  });

  it('R12: reports an altered event', async () => {
    const deps = await withLetters();
    const letter = await deps.letters.get('NEW');
    if (letter === null) throw new Error('no letter');
    const [first, ...rest] = letter.evidence;
    if (first === undefined) throw new Error('no evidence');
    await deps.letters.update({ ...letter, evidence: [{ ...first, at: '2023-04-19T08:00:00.000Z' }, ...rest], version: letter.version + 1 }, letter.version);

    expect((await exportEvidence(deps, { agdref: AGDREF, documentId: 'NEW' })).chainValid).toBe(false);
  });

  it("answers not found for another applicant's letter", async () => {
    const deps = await withLetters();

    await expect(exportEvidence(deps, { agdref: AGDREF, documentId: 'THEIRS' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
