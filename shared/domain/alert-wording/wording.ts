/**
 * R11: what the alerts say — the SMS and e-mail that say a letter is waiting, the reminders, and
 * the password-reset code — one file per UI language beside this one (`<language>.ts`). This is
 * content: composing it into messages is shared/domain/alert-messages.ts, the HTML of e-mails is
 * shared/adapters/email-html.ts, SMS segment counting is shared/adapters/sms-segments.ts.
 *
 * An alert is only a notice: it never names the applicant, never says which kind of letter it
 * is and never quotes it; it says a letter is waiting in the personal space and gives the
 * space's URL. A reminder also says the letter must be read within the 15 days that follow
 * its posting. fr and en are complete; the other languages are best-effort translations that
 * native speakers must review (TRANSLATIONS.md).
 *
 * SMS budget: every SMS must fit one segment with a realistic URL (~30 characters). French and
 * English stay in the GSM-7 alphabet (160 characters; no ê, ç, â…); the other languages need
 * UCS-2 (70 UTF-16 units), which leaves about 39 characters of words before the URL.
 *
 * `{code}` stands for the six-digit reset code wherever it appears.
 */

/** The words of every alert in one language. */
export interface AlertWording {
  readonly sms: {
    /** Followed by the URL on its own line. */
    readonly deposit: string;
    /** Followed by the URL on its own line. */
    readonly reminder: string;
    /** The whole SMS, with `{code}`. */
    readonly resetCode: string;
  };
  readonly email: {
    readonly subject: {
      readonly deposit: string;
      readonly reminder: string;
      readonly resetCode: string;
    };
    readonly greeting: string;
    /** Paragraphs before the URL. */
    readonly deposit: readonly string[];
    readonly reminder: readonly string[];
    /** Paragraphs before the URL; the first one holds `{code}` (shown in bold in HTML). */
    readonly resetCode: readonly string[];
    /** Below deposit and reminder alerts: what this message is (and is not). */
    readonly noticeFooter: string;
    /** Below every e-mail: secrets are never asked for; automatic message. */
    readonly securityFooter: readonly string[];
    /** Heading of the French copy appended to e-mails in other languages. */
    readonly frenchCopy: string;
  };
}

/** Where `code` goes in a wording. */
export const CODE_PLACEHOLDER = '{code}';
