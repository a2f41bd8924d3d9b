/**
 * The local stand-in for SMS and e-mail providers (`npm start`): every message is kept (in
 * memory, and in a JSON-lines file when given one, so it survives restarts), announced with one
 * line on the console and listed at `/dev/outbox`. It accepts every message SNS or SES would take
 * and refuses the others as they do (outgoing-message.ts): a permanent failure, nothing kept.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, Notifier, OutgoingMessage, SendResult } from '../../ports.ts';
import type { Instant } from '../../domain/types.ts';
import { alertEmailHtml } from '../email-html.tsx';
import { unsendable } from '../outgoing-message.ts';

/** One message as the outbox received it; an e-mail with the HTML body a provider would send. */
export interface OutboxEntry extends Omit<OutgoingMessage, 'body'> {
  readonly html?: string;
  readonly sentAt: Instant;
  readonly providerMessageId: string;
}

export interface OutboxNotifierOptions {
  readonly clock: Clock;
  /** A JSON-lines file to append to and to reload on start; memory only when absent. */
  readonly filePath?: string;
  /** Where the one-line notices go; `console.log` by default. */
  readonly log?: (line: string) => void;
}

/** Keeps and prints every well-formed message (`accepted`); refuses a malformed one with one line. */
export class OutboxNotifier implements Notifier {
  readonly #clock: Clock;
  readonly #filePath: string | undefined;
  readonly #log: (line: string) => void;
  readonly #entries: OutboxEntry[];

  constructor(options: OutboxNotifierOptions) {
    this.#clock = options.clock;
    this.#filePath = options.filePath;
    this.#log = options.log ?? ((line) => console.log(line));
    this.#entries = options.filePath === undefined ? [] : loadEntries(options.filePath);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const malformed = unsendable(message);
    if (malformed !== null) {
      this.#log(`[outbox] refused ${message.id}: ${malformed}`);
      return { status: 'permanentFailure', reason: malformed };
    }
    const { body, ...sent } = message;
    const entry: OutboxEntry = {
      ...sent,
      ...(body === undefined || message.subject === undefined ? {} : { html: alertEmailHtml(message.subject, body) }),
      sentAt: this.#clock.now(),
      providerMessageId: `outbox-${this.#entries.length + 1}`,
    };
    this.#entries.push(entry);
    if (this.#filePath !== undefined) {
      await mkdir(dirname(this.#filePath), { recursive: true });
      await appendFile(this.#filePath, `${JSON.stringify(entry)}\n`, 'utf8');
    }
    this.#log(notice(entry));
    return { status: 'accepted', providerMessageId: entry.providerMessageId };
  }

  /** Every message received, newest first. */
  messages(): OutboxEntry[] {
    return [...this.#entries].reverse();
  }
}

function loadEntries(filePath: string): OutboxEntry[] {
  if (!existsSync(filePath)) return [];
  const entries: OutboxEntry[] = [];
  for (const line of readFileSync(filePath, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push(parsed);
    } catch {
      // A line cut short by a crash: the other messages are still worth showing.
    }
  }
  return entries;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    (v.channel === 'sms' || v.channel === 'email') &&
    typeof v.to === 'string' &&
    typeof v.text === 'string' &&
    typeof v.sentAt === 'string' &&
    typeof v.providerMessageId === 'string'
  );
}

/** One line per message; the recipient is masked (logs carry no phone numbers or addresses). */
function notice(entry: OutboxEntry): string {
  const to = entry.channel === 'sms' ? maskPhone(entry.to) : maskEmail(entry.to);
  const what =
    entry.channel === 'sms'
      ? entry.text.replace(/\s*\n\s*/g, ' ⏎ ')
      : `${JSON.stringify(entry.subject ?? '')} (full text at /dev/outbox)`;
  return `[outbox] ${entry.channel === 'sms' ? 'SMS' : 'e-mail'} to ${to} [${entry.language}] ${entry.id}: ${what}`;
}

function maskPhone(phone: string): string {
  return phone.length <= 6 ? '***' : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;
}

function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '***' : `${address[0] ?? ''}***${address.slice(at)}`;
}
