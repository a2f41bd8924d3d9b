/**
 * The domain's vocabulary, shared by every layer. Pure types and constant lists, no behaviour.
 */

/** A UTC ISO-8601 instant, always with `Z`, e.g. `2022-09-21T22:00:00.000Z`. */
export type Instant = string;
/** A Europe/Paris calendar date `YYYY-MM-DD` (docs/rules.md: never sliced from a UTC string). */
export type ParisDate = string;

/** docs/rules.md R2. */
export const DOCUMENT_TYPES = [
  'introduction',
  'convocation',
  'convocationCancellation',
  'decision',
  'sixMonths',
  'medicalCertificateRequest',
  'reclassification',
  'interviewTranscript',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** docs/rules.md R7. */
export const DECISION_OUTCOMES = [
  'rejection',
  'inadmissibility',
  'closure',
  'subsidiaryProtection',
  'refugeeStatus',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** UI languages: the ten most spoken by applicants. fr and en are complete; the others need native review (TRANSLATIONS.md). */
export const LANGUAGES = ['fr', 'en', 'ar', 'prs', 'ps', 'ru', 'tr', 'bn', 'ka', 'ti'] as const;
export type Language = (typeof LANGUAGES)[number];
export const RTL_LANGUAGES: readonly Language[] = ['ar', 'prs', 'ps'];

/** docs/rules.md rule variants; the defaults are DEFAULT_RULES in rules.ts. */
export interface RuleVariants {
  /** R5: the deemed notification date is the availability date (default) or the window's end. */
  readonly deemedNotificationDate: 'availability' | 'windowEnd';
  /** R8: extend the legal-aid deadline past weekends/holidays (off: conservative). */
  readonly legalAidHolidayExtension: boolean;
  /** R11: reminder days after availableDate, at 10:00 Paris. */
  readonly reminderDays: readonly number[];
}

export type NotifiedBy = 'consultation' | 'deemed';
export type AlertChannel = 'sms' | 'email';
export type AlertKind = 'deposit' | 'reminder';

/** R12 / docs/api.md evidence event names. */
export const EVIDENCE_EVENTS = [
  'deposited',
  'alertSent',
  'alertFailed',
  'alertOutcomeUnknown',
  'firstOpened',
  'deemedNotified',
  'legalAidRequested',
  'legalAidDecided',
] as const;
export type EvidenceEventName = (typeof EVIDENCE_EVENTS)[number];

/** One link of a letter's evidence chain (R12). `hash` = SHA-256 hex of the canonical JSON of the event without `hash`. */
export interface EvidenceEvent {
  readonly at: Instant;
  readonly event: EvidenceEventName;
  readonly channel?: AlertChannel;
  readonly kind?: AlertKind;
  /** For reminders: which reminder day (R11). */
  readonly day?: number;
  /** For legal-aid events: the Paris date recorded. */
  readonly date?: ParisDate;
  /** For `alertOutcomeUnknown`: which attempt (1-based) of that alert never had its result recorded. */
  readonly attempt?: number;
  readonly previousHash: string;
  readonly hash: string;
}

/** A chain's head (R12): how many events it has and the hash of the last one (64 zeros when empty). */
export interface EvidenceHead {
  readonly count: number;
  readonly hash: string;
}

/** The facts a letter's lifecycle depends on (R3–R5), as stored. */
export interface LetterFacts {
  readonly type: DocumentType;
  readonly outcome: DecisionOutcome | null;
  readonly availableAt: Instant;
  readonly firstOpenedAt: Instant | null;
  /** When the deemed transition was applied (R5), or null if not (yet). */
  readonly deemedAt: Instant | null;
  /** Paper derogation (R11): no alerts, no 15-day rule. */
  readonly postal: boolean;
  readonly legalAid: LegalAid | null;
}

/** R9: dates of the legal-aid request and of the notification of its decision. */
export interface LegalAid {
  readonly requestedOn: ParisDate;
  readonly decisionNotifiedOn: ParisDate | null;
}

/** Everything R3–R9 compute for one letter at one instant — what docs/api.md's Document shows. */
export interface LetterDeadlines {
  readonly status: 'unread' | 'read';
  readonly notifiable: boolean;
  readonly consultationDeadline: ParisDate | null;
  readonly windowEnd: Instant | null;
  readonly notificationDate: ParisDate | null;
  readonly notifiedBy: NotifiedBy | null;
  readonly daysLeft: number | null;
  /** Only for decisions: null when not notified yet, not appealable, or suspended by legal aid (R9). */
  readonly appealDeadline?: ParisDate | null;
  readonly legalAidDeadline?: ParisDate | null;
}

/**
 * Delivery state of one alert (deterministic id: letter + kind + day + channel). `withdrawn`: a
 * reminder still waiting for an attempt when the letter was read or its window closed (R11 sends
 * reminders only while the letter is unread and its window open).
 */
export type AlertDeliveryStatus = 'sending' | 'delivered' | 'temporaryFailure' | 'permanentFailure' | 'withdrawn';
export interface AlertDelivery {
  readonly id: string;
  readonly channel: AlertChannel;
  readonly kind: AlertKind;
  /** Reminder day (R11) or 0 for the deposit alert. */
  readonly day: number;
  readonly status: AlertDeliveryStatus;
  readonly attempts: number;
  readonly lastAttemptAt: Instant | null;
  /**
   * Why the last attempt failed: the provider's reason (kept through retries), or the app's when
   * the alert failed without an attempt (no contact left). On a `permanentFailure` alert, why it
   * finally failed. Absent while no attempt has failed.
   */
  readonly failureReason?: string;
}
