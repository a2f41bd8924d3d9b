/**
 * The interfaces the use cases need. Adapters implement them: `adapters/aws` (DynamoDB, S3,
 * Scheduler, SNS, SES), `adapters/local` (DynamoDB Local launcher, timer scheduler, outbox, file
 * blobs) and `adapters/memory` (fast twins). One contract suite per port in `test/contract/`
 * holds every implementation to the same behaviour.
 */
import type {
  AlertChannel,
  AlertDelivery,
  DecisionOutcome,
  DocumentType,
  EvidenceEvent,
  EvidenceHead,
  Instant,
  Language,
  LegalAid,
  ParisDate,
  RuleVariants,
} from './domain/types.ts';
import type { EmailBody } from './domain/alert-messages.ts';

// ---------------------------------------------------------------- records

/** An applicant's account, keyed by AGDREF number. */
export interface Applicant {
  readonly agdref: string;
  readonly ofpraFileNumber: string | null;
  readonly language: Language;
  /** E.164 (`+336…`/`+337…`) or null. */
  readonly phone: string | null;
  readonly email: string | null;
  readonly paperDerogation: boolean;
  /** Hash of the current connection key (null once spent by activation). */
  readonly connectionKeyHash: string | null;
  /** argon2id hash, null until activation. */
  readonly passwordHash: string | null;
  readonly activatedAt: Instant | null;
  readonly registeredAt: Instant;
  /**
   * Legacy: failures used to be counted here. The lockout now lives in the AttemptLedger (reserved
   * before a secret is checked); this list is no longer read and is written empty.
   */
  readonly failedAttempts: readonly Instant[];
  /**
   * Hash of the connection key that activated the space (docs/api.md: activation of an active space
   * answers 409 `already_active` only to that key; any other key is a wrong key).
   */
  readonly activationKeyHash?: string | null;
  /** Pending password-reset code (hashed), if any. */
  readonly resetCode: { readonly hash: string; readonly expiresAt: Instant; readonly wrongTries: number } | null;
  /** Optimistic concurrency: incremented by every update. */
  readonly version: number;
}

/** A session; only the SHA-256 of its token is stored. */
export interface Session {
  readonly tokenHash: string;
  readonly agdref: string;
  readonly createdAt: Instant;
  readonly lastSeenAt: Instant;
  /** min(lastSeenAt + idle timeout, createdAt + absolute lifetime). Stored as TTL too. */
  readonly expiresAt: Instant;
}

export type { AlertDelivery, AlertDeliveryStatus } from './domain/types.ts';

/** One deposited letter: its own consistency boundary (lifecycle, alerts and evidence in one item). */
export interface Letter {
  /** The office's document id, unique across the system. */
  readonly id: string;
  readonly agdref: string;
  readonly type: DocumentType;
  readonly outcome: DecisionOutcome | null;
  readonly title: string | null;
  /** SHA-256 hex of the PDF; idempotency of deposits compares it. */
  readonly contentSha256: string;
  readonly contentLength: number;
  readonly blobKey: string;
  readonly availableAt: Instant;
  readonly notifiable: boolean;
  /** R3: exclusive end of the consultation window (null if not notifiable or postal). */
  readonly windowEnd: Instant | null;
  readonly firstOpenedAt: Instant | null;
  readonly deemedAt: Instant | null;
  /** Paper derogation at deposit time: queued for postal dispatch, no alerts, no 15-day rule (R11). */
  readonly postal: boolean;
  readonly legalAid: LegalAid | null;
  readonly alerts: readonly AlertDelivery[];
  /** Next reminder instant still to send (sparse index), or null. */
  readonly nextReminderAt: Instant | null;
  readonly evidence: readonly EvidenceEvent[];
  /**
   * R12: the chain's head, written in the same conditional write as each event (stores refuse a
   * letter whose head does not match its chain), so an export missing its last events is detected.
   */
  readonly head: EvidenceHead;
  readonly version: number;
}

/**
 * A helper (docs/api.md "Helpers"): a social worker's own account, created by the office, activated with
 * a one-time key and logged in by e-mail. Same password policy, lockout and session rules as an
 * applicant.
 */
export interface Helper {
  /** Opaque, generated. */
  readonly helperId: string;
  /** Lower-cased; unique across helpers. */
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
  /** Hash of the current connection key (null once spent by activation). */
  readonly connectionKeyHash: string | null;
  /** argon2id hash, null until activation. */
  readonly passwordHash: string | null;
  /** Hash of the key that activated the account: only it hears 409 `already_active` (as for applicants). */
  readonly activationKeyHash?: string | null;
  readonly activatedAt: Instant | null;
  readonly createdAt: Instant;
  /** Legacy, always empty: the lockout lives in the AttemptLedger under `helper:<helperId>` (use-cases/lockout.ts). */
  readonly failedAttempts: readonly Instant[];
  /** The grant code the helper shows now (8 characters, 24 h), or null before the first one. */
  readonly grantCode: { readonly code: string; readonly expiresAt: Instant } | null;
  readonly version: number;
}

/** A grant code's lookup: which helper an applicant grants access to by typing it. */
export interface GrantCode {
  readonly code: string;
  readonly helperId: string;
  readonly expiresAt: Instant;
}

/** An applicant's consent that one helper sees their letters' metadata, until `expiresAt` (6 months, renewable). */
export interface Grant {
  readonly agdref: string;
  readonly helperId: string;
  /** Denormalised from the helper, so the applicant's list needs no second read. */
  readonly helperName: string;
  readonly organisation: string;
  readonly grantedAt: Instant;
  readonly expiresAt: Instant;
}

/**
 * What a helper looked at: `list` (the applicant appeared in the helper's list), `documents`, or
 * `digest` (the applicant was counted in the helper's daily e-mail digest: counts only).
 */
export type HelperAccessKind = 'list' | 'documents' | 'digest';

/**
 * A helper's daily e-mail digest preference (docs/api.md "Helpers"): off unless the helper turned it
 * on. `lastDigestOn` is the Paris day the digest was last handled (sent, or nothing to send), so a
 * day is handled at most once whoever runs the digests.
 */
export interface HelperDigest {
  readonly helperId: string;
  /** Copied from the helper (an e-mail never changes): the digest run needs no second read. */
  readonly email: string;
  /** The helper pages' languages: French or English. */
  readonly language: 'fr' | 'en';
  readonly enabled: boolean;
  readonly lastDigestOn: ParisDate | null;
}

/** One line of an applicant's access log (who, organisation, when, what). Not letter evidence. */
export interface AccessLogEntry {
  readonly agdref: string;
  readonly helperId: string;
  readonly helperName: string;
  readonly organisation: string;
  readonly at: Instant;
  readonly what: HelperAccessKind;
}

// ---------------------------------------------------------------- repositories

/** Applicants by AGDREF, findable by office file number too. */
export interface ApplicantRepository {
  /** Creates; ItemAlreadyExistsError if the AGDREF or the office file number is taken. */
  create(applicant: Applicant): Promise<void>;
  get(agdref: string): Promise<Applicant | null>;
  /** By AGDREF number or office file number (whichever matches). */
  findByIdentifier(identifier: string): Promise<Applicant | null>;
  /** Writes `next` (with next.version = expectedVersion + 1) if the stored version is `expectedVersion`; else ConcurrentUpdateError. */
  update(next: Applicant, expectedVersion: number): Promise<void>;
}

/**
 * Attempts at a secret (login, activation, both resets) for one subject: an applicant's AGDREF, or
 * the identifier typed when no account has it (docs/api.md lockout; unknown identifiers are locked out
 * the same way). Adapters never store a subject in clear: records are keyed by a keyed hash of it
 * and expire by themselves (TTL). Each attempt is reserved here *before* its secret is checked.
 */
export interface AttemptRecord {
  /** Instants of the attempts still counted (reserved, and not cleared by a success). */
  readonly attempts: readonly Instant[];
  /** 0 for a subject with no record yet; incremented by every write. */
  readonly version: number;
}

export interface AttemptLedger {
  /** The subject's record (strongly consistent), or `{attempts: [], version: 0}` if none. */
  get(subject: string): Promise<AttemptRecord>;
  /**
   * Writes `attempts` at version `expectedVersion + 1` if the stored version is `expectedVersion`
   * (0: no record yet); ConcurrentUpdateError otherwise. The record may be forgotten after `expiresAt`.
   */
  put(subject: string, attempts: readonly Instant[], expectedVersion: number, expiresAt: Instant): Promise<void>;
}

/** Sessions by token hash; expired ones are never returned. */
export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** The session if it exists and `now < expiresAt`. */
  get(tokenHash: string, now: Instant): Promise<Session | null>;
  /** Slides the idle expiry. */
  touch(tokenHash: string, lastSeenAt: Instant, expiresAt: Instant): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  deleteAllFor(agdref: string): Promise<void>;
}

/** Helpers by id, findable by e-mail (unique). */
export interface HelperRepository {
  /** Creates; ItemAlreadyExistsError if the id or the e-mail is taken. */
  create(helper: Helper): Promise<void>;
  get(helperId: string): Promise<Helper | null>;
  /** By lower-cased e-mail. */
  findByEmail(email: string): Promise<Helper | null>;
  /** Conditional on the stored version (next.version = expectedVersion + 1); else ConcurrentUpdateError. The e-mail never changes. */
  update(next: Helper, expectedVersion: number): Promise<void>;
  /** The helper's digest preference, or null if never set (off). */
  getDigest(helperId: string): Promise<HelperDigest | null>;
  /** Sets the preference (creates it if needed), keeping `lastDigestOn`; returns what is stored. */
  setDigest(digest: Omit<HelperDigest, 'lastDigestOn'>): Promise<HelperDigest>;
  /** Every helper whose digest is on (one Query of a sparse index, paged; no Scan). */
  digestSubscribers(): Promise<HelperDigest[]>;
  /**
   * Marks `day` as handled for the helper of `read` (a preference as read), atomically: true only
   * for the one call that moved `lastDigestOn` to `day`; false when the day was already handled or
   * the stored preference is no longer `read` (turned off, language changed: read it again).
   * Conditional PutItem only: the sweep function may not use UpdateItem or BatchWriteItem.
   */
  claimDigestDay(read: HelperDigest, day: ParisDate): Promise<boolean>;
  /** Undoes a claim whose e-mail could not be sent: `lastDigestOn` back to `read.lastDigestOn` if it is still `day` and the preference unchanged. */
  releaseDigestDay(read: HelperDigest, day: ParisDate): Promise<void>;
}

/**
 * Grant codes, grants and the applicants' access logs. Expired codes and grants are never
 * returned (the store's TTL deletes them later).
 */
export interface GrantRepository {
  /** Creates a code; ItemAlreadyExistsError if that code is already live. */
  createCode(code: GrantCode): Promise<void>;
  /** The code if it exists and `now < expiresAt`. */
  findCode(code: string, now: Instant): Promise<GrantCode | null>;
  /** Creates or renews (the expiry never moves backwards; a shorter one is a no-op). */
  putGrant(grant: Grant): Promise<void>;
  /** The live grant of this applicant to this helper (strongly consistent: a revocation shows at once). */
  getGrant(helperId: string, agdref: string, now: Instant): Promise<Grant | null>;
  /** One helper's live grants (one Query, strongly consistent). */
  grantsOfHelper(helperId: string, now: Instant): Promise<Grant[]>;
  /** One applicant's live grants (one Query). */
  grantsOfApplicant(agdref: string, now: Instant): Promise<Grant[]>;
  /** Revokes; false if there was no grant. */
  deleteGrant(helperId: string, agdref: string): Promise<boolean>;
  /** Appends access-log entries (each a new item). */
  logAccess(entries: readonly AccessLogEntry[]): Promise<void>;
  /** One applicant's access log, newest first, at most `limit` entries (one Query). */
  accessLog(agdref: string, limit: number): Promise<AccessLogEntry[]>;
}

/** Letters, each a consistency boundary updated with optimistic conditions. */
export interface LetterRepository {
  /** Creates; ItemAlreadyExistsError if a letter with this id exists (anywhere). */
  create(letter: Letter): Promise<void>;
  get(id: string): Promise<Letter | null>;
  /** One applicant's letters, newest first (one Query). */
  listForApplicant(agdref: string): Promise<Letter[]>;
  /** Conditional on the stored version; ConcurrentUpdateError otherwise. */
  update(next: Letter, expectedVersion: number): Promise<void>;
  /** Letters with windowEnd <= `before` that are not deemed and not opened in time (sparse index), oldest first. */
  pendingDeemedBefore(before: Instant, limit: number): Promise<Letter[]>;
  /** Letters with nextReminderAt <= `before` (sparse index), oldest first. */
  remindersDueBefore(before: Instant, limit: number): Promise<Letter[]>;
  /**
   * R12: every letter's chain head, in no particular order — what a daily checkpoint commits. The
   * one read of the whole store (a Scan on DynamoDB, once a day): a checkpoint must see every letter.
   */
  chainHeads(): Promise<LetterHead[]>;
}

/** A letter's chain head as a checkpoint commits it (a Merkle leaf). */
export interface LetterHead {
  readonly documentId: string;
  readonly count: number;
  readonly hash: string;
}

/** Letter PDFs. Keys are opaque; content is checked to be a PDF before `put`. */
export interface BlobStore {
  put(key: string, content: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  /** A URL valid at most `seconds` (≤ 60), or null when the store serves bytes itself. */
  temporaryUrl(key: string, seconds: number): Promise<string | null>;
}

/**
 * The two-step upload (docs/api.md `POST /api/v1/agent/uploads`): a PDF too large for one JSON request
 * (API Gateway and Lambda cap a request near 6 MB) is PUT to a URL this store hands out (a
 * presigned S3 PUT in the cloud, the local server's `/dev/uploads/{uploadId}` locally), then
 * deposited by its `uploadId`.
 */
export interface UploadTicket {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry exactly (they are part of what the URL authorises). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface DeclaredUpload {
  readonly uploadId: string;
  readonly contentLength: number;
  /** SHA-256 of the content, lower-case hex. */
  readonly contentSha256: string;
  /** The URL stops working at this instant. */
  readonly expiresAt: Instant;
}

export interface UploadStore {
  /** A URL accepting exactly `contentLength` bytes whose SHA-256 is `contentSha256`, until `expiresAt`. */
  prepare(upload: DeclaredUpload): Promise<UploadTicket>;
  /** What was uploaded for `uploadId` with what was declared for it, or null if nothing arrived. */
  read(uploadId: string): Promise<{ readonly content: Uint8Array; readonly declaredSha256: string; readonly declaredLength: number } | null>;
}

// ---------------------------------------------------------------- time, ids, secrets

/** Time is a port: nothing else reads the wall clock. */
export interface Clock {
  now(): Instant;
  /**
   * Waits `ms` milliseconds of real time (a store write's backoff, see updateWithRetry). Only the
   * wall clock waits; a clock without it (tests, the simulator's virtual time) retries at once.
   */
  sleep?(ms: number): Promise<void>;
}

/** Random secrets and ids. */
export interface Ids {
  /** 256-bit session token, URL-safe. */
  sessionToken(): string;
  /** Connection key, ≥ 80 bits, grouped for reading: `K7QF-9M2X-PR4D-8ZTW`. */
  connectionKey(): string;
  /** Six decimal digits. */
  resetCode(): string;
  /** Opaque unique id (blob keys and the like). */
  uniqueId(): string;
}

/** Slow hashing for passwords (argon2id) and secrets; verification is constant-time. */
export interface Hasher {
  hash(secret: string): Promise<string>;
  verify(hash: string, secret: string): Promise<boolean>;
}

// ---------------------------------------------------------------- scheduling and alerts

/** What a one-time trigger asks the deadline function to do. */
export type TriggerPayload =
  | { readonly kind: 'deem'; readonly letterId: string }
  | { readonly kind: 'remind'; readonly letterId: string; readonly day: number }
  | { readonly kind: 'alertRetry'; readonly letterId: string; readonly alertId: string };

export interface Trigger {
  /** Deterministic: ≤ 64 chars of [0-9a-zA-Z-_.], derived from the letter and the trigger kind. */
  readonly name: string;
  readonly at: Instant;
  readonly payload: TriggerPayload;
}

/**
 * One-time triggers (EventBridge Scheduler in the cloud). Every adapter behaves alike
 * (test/contract/scheduler.contract.test.ts, run on each):
 * - a trigger fires once, at its instant and never before, and is then gone (its name can be scheduled anew);
 * - creating an existing name is a success that changes nothing (the first trigger stays);
 * - a trigger already due (`at` ≤ now) fires at once: the cloud adapter and its in-memory twin run
 *   it inside `schedule()` (EventBridge Scheduler cannot create a schedule in the past), so its
 *   failure is the caller's; the local timer schedulers and the simulator fire it on their next turn,
 *   at the same instant;
 * - a name other than 1–64 of [0-9a-zA-Z-_.] is refused with a RangeError;
 * - a call the provider refuses for rate throws SchedulerThrottledError and has no effect.
 */
export interface Scheduler {
  schedule(trigger: Trigger): Promise<void>;
  /** Cancelling an unknown name, or one already fired or cancelled, is a success. */
  cancel(name: string): Promise<void>;
}

export interface OutgoingMessage {
  /**
   * Deterministic alert id (letter + kind + day + channel). Neither SNS SMS nor SES SendEmail has an
   * idempotency key, so no provider de-duplicates by it (the use cases' conditional writes keep an
   * alert from being sent twice); the adapters carry it to the provider for tracing only (SNS
   * message attribute `AlertId`, SES e-mail tag `alert-id`; shared/adapters/aws/provider-trace.ts).
   */
  readonly id: string;
  readonly channel: AlertChannel;
  /** E.164 phone number or e-mail address. */
  readonly to: string;
  readonly language: Language;
  readonly subject?: string;
  readonly text: string;
  /** E-mail: what the body says, section by section; the e-mail side renders its HTML (shared/adapters/email-html.tsx). */
  readonly body?: EmailBody;
}

/**
 * `throttled`: the provider refused for rate (over the account's quota) — "later", never a failed
 * attempt (docs/architecture.md "Alerts are paced, not fired").
 */
export type SendResult =
  | { readonly status: 'accepted'; readonly providerMessageId: string }
  | { readonly status: 'throttled'; readonly reason: string }
  | { readonly status: 'temporaryFailure'; readonly reason: string }
  | { readonly status: 'permanentFailure'; readonly reason: string };

/**
 * Operational signals the use cases raise, for the operators (CloudWatch metrics in the cloud).
 * Each is raised once, by whichever caller's conditional write made it true.
 */
export interface Signals {
  /** R11/R12: an alert has just become finally failed (its `alertFailed` evidence is written). */
  alertFailed(alert: { readonly letterId: string; readonly alertId: string; readonly channel: AlertChannel; readonly reason: string }): void;
}

/** SMS (SNS) and e-mail (SES) providers, the local outbox, and test twins. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<SendResult>;
}

/**
 * Work the alert queue carries (docs/alerts.md): an alert to attempt, or a schedule whose creation
 * the scheduler throttled. Both are paced by the queue's consumer to the provider's quota;
 * `retries` counts the provider's throttling refusals in a row (for the backoff).
 */
export type AlertWork =
  | { readonly kind: 'send'; readonly letterId: string; readonly alertId: string; readonly channel: AlertChannel; readonly retries: number }
  | { readonly kind: 'schedule'; readonly trigger: Trigger; readonly retries: number }
  | ({ readonly kind: 'resetCode'; readonly retries: number } & ResetCodeRequest);

/**
 * docs/api.md (no enumeration): a password-reset code asked for, handed on from the request path
 * so that the answer does the same work whatever the account. Carries the identifier as the
 * applicant typed it (normalised): personal data on the alert queue (docs/alerts.md).
 */
export interface ResetCodeRequest {
  readonly identifier: string;
  readonly channel: AlertChannel;
  /** When it was asked for: the code is valid 15 minutes from then, and one a minute at most. */
  readonly requestedAt: Instant;
}

/**
 * Where the request path hands a reset-code request (`issueResetCode` then runs after the answer):
 * the alert queue in the cloud, a background task of the local server.
 */
export interface ResetCodeRequests {
  submit(request: ResetCodeRequest): Promise<void>;
}

/**
 * The paced queue between the use cases and the providers (SQS in the cloud, the durable timer
 * queue locally, the virtual queue in the simulator). At-least-once: a message may come twice
 * or early, never be lost once `enqueue` resolved; its consumer is `consumeAlertWork`.
 */
export interface AlertQueue {
  /** Makes `work` available to the consumer `delayMs` from now (0: as soon as the pace allows). */
  enqueue(work: AlertWork, delayMs: number): Promise<void>;
}

// ---------------------------------------------------------------- sealed evidence (R12)

/** A public evidence key as the JWKS serves it (RFC 7517; `kid` is its RFC 7638 thumbprint). */
export interface PublicEvidenceKey {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

/**
 * The service's evidence key (R12): a KMS asymmetric key (ECC_NIST_P256) in the cloud, a key
 * generated once in DATA_DIR locally. It signs exports and checkpoints (ES256).
 */
export interface EvidenceSigner {
  /** The `kid` of the key that signs now (RFC 7638 thumbprint of its public key). */
  keyId(): Promise<string>;
  /** The ES256 signature of `data` in JOSE form (r ‖ s, 64 bytes), by the key `keyId()` names. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Every public key that signs or signed evidence, the current one first (rotation keeps old ones). */
  publicKeys(): Promise<readonly PublicEvidenceKey[]>;
}

/** What a daily checkpoint signs: the Merkle root of every letter's chain head (docs/evidence.md). */
export interface CheckpointBody {
  readonly type: 'evidence-checkpoint';
  readonly version: 1;
  /** When the heads were read. */
  readonly at: Instant;
  /** The Paris date of `at`. */
  readonly date: string;
  readonly treeSize: number;
  /** RFC 9162 Merkle tree hash (hex) over the heads, ordered by document id. */
  readonly rootHash: string;
}

/** A checkpoint as written once to the write-once store: its body, signature and the leaves it commits. */
export interface SignedCheckpoint {
  readonly checkpoint: CheckpointBody;
  /** Compact JWS with detached payload over the JCS of `checkpoint`. */
  readonly signature: string;
  readonly leaves: readonly LetterHead[];
}

/**
 * Write-once storage of signed checkpoints: S3 Object Lock in compliance mode in the cloud, an
 * append-only file locally. Nothing written is ever replaced or removed through this port.
 */
export interface CheckpointStore {
  append(checkpoint: SignedCheckpoint): Promise<void>;
  /** The most recent checkpoint written (by its `at`), or null before the first. */
  latest(): Promise<SignedCheckpoint | null>;
}

/** What seals evidence: the signing key and the checkpoint store. */
export interface EvidenceSeal {
  readonly signer: EvidenceSigner;
  readonly checkpoints: CheckpointStore;
}

// ---------------------------------------------------------------- everything together

export interface AppConfig {
  /** The space's public URL, included in alerts: e.g. `https://mailbox.example.org`. */
  readonly publicUrl: string;
  readonly rules: RuleVariants;
}

/** All dependencies; each use case takes the subset it needs (`Pick<Deps, …>`). */
export interface Deps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly hasher: Hasher;
  readonly applicants: ApplicantRepository;
  readonly attempts: AttemptLedger;
  readonly sessions: SessionRepository;
  readonly letters: LetterRepository;
  readonly helpers: HelperRepository;
  /** Helpers' sessions: the same SessionRepository, kept apart from the applicants' (`Session.agdref` holds the helper id). */
  readonly helperSessions: SessionRepository;
  readonly grants: GrantRepository;
  readonly blobs: BlobStore;
  readonly scheduler: Scheduler;
  readonly notifier: Notifier;
  readonly alertQueue: AlertQueue;
  /**
   * Given by the composition roots that serve the applicant side (the api function, the local
   * server; tests: issued at once). Absent elsewhere: a reset-code request there is a wiring mistake.
   */
  readonly resetCodeRequests?: ResetCodeRequests;
  readonly evidence: EvidenceSeal;
  readonly config: AppConfig;
  /** Default: nothing is reported. */
  readonly signals?: Signals;
}
