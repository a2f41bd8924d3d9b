/**
 * The words of a helper's daily e-mail digest (docs/api.md "Helpers"), in the helper pages'
 * languages (French, English). Counts only: the message never names a person, never gives an
 * AGDREF number, a letter's kind or title, or a date about anyone — an e-mail may be read where the
 * helper's space is not. It links to `/helper`, where the details are, behind the helper's log-in.
 */

/** What a digest counts, over the applicants who granted the helper access. */
export interface DigestCounts {
  /** Applicants who granted access (live grants). */
  readonly followed: number;
  /** Unread letters, all applicants together. */
  readonly unreadLetters: number;
  /** Applicants with an unread letter that has ≤ 5 days left before it counts as received (R6), the red rows of `/helper/applicants`. */
  readonly urgent: number;
  /** Applicants whose next deadline (consultation, appeal or legal aid: R6–R9) falls within {@link DIGEST_HORIZON_DAYS} days. */
  readonly deadlinesSoon: number;
}

/** How far ahead `deadlinesSoon` looks, in Paris days (today included). */
export const DIGEST_HORIZON_DAYS = 7;

export interface DigestMessage {
  readonly subject: string;
  readonly text: string;
}

const pl = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The e-mail for `counts` in `language`; `publicUrl` is the space's URL (AppConfig.publicUrl). */
export function helperDigestMessage(counts: DigestCounts, language: 'fr' | 'en', publicUrl: string): DigestMessage {
  const base = publicUrl.replace(/\/+$/, '');
  const helper = `${base}/helper`;
  const settings = `${base}/helper/applicants#digest-title`;
  if (language === 'fr') {
    return {
      subject: 'Espace des aidants : votre résumé du jour',
      text: [
        'Bonjour,',
        '',
        'Le résumé du jour de votre espace des aidants :',
        `- ${counts.followed} ${pl(counts.followed, 'personne suivie', 'personnes suivies')} ;`,
        `- ${counts.unreadLetters} ${pl(counts.unreadLetters, 'courrier non lu', 'courriers non lus')} ;`,
        `- ${counts.urgent} ${pl(counts.urgent, 'personne a', 'personnes ont')} un courrier non lu à 5 jours ou moins de compter comme reçu ;`,
        `- ${counts.deadlinesSoon} ${pl(counts.deadlinesSoon, 'personne a', 'personnes ont')} une échéance dans les ${DIGEST_HORIZON_DAYS} prochains jours.`,
        '',
        `Ce message ne contient ni nom, ni numéro AGDREF, ni intitulé de courrier. Le détail est dans votre espace : ${helper}`,
        '',
        `Vous recevez ce résumé parce que vous l’avez demandé. Pour l’arrêter : ${settings}`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Helpers’ space: your daily summary',
    text: [
      'Hello,',
      '',
      'Today’s summary of your helpers’ space:',
      `- ${counts.followed} ${pl(counts.followed, 'person', 'people')} you follow;`,
      `- ${counts.unreadLetters} unread ${pl(counts.unreadLetters, 'letter', 'letters')};`,
      `- ${counts.urgent} ${pl(counts.urgent, 'person has', 'people have')} an unread letter with 5 days or fewer left before it counts as received;`,
      `- ${counts.deadlinesSoon} ${pl(counts.deadlinesSoon, 'person has', 'people have')} a deadline within the next ${DIGEST_HORIZON_DAYS} days.`,
      '',
      `This message contains no name, no AGDREF number and no letter title. The details are in your space: ${helper}`,
      '',
      `You receive this summary because you asked for it. To stop it: ${settings}`,
    ].join('\n'),
  };
}
