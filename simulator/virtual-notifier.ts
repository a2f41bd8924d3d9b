/**
 * The `Notifier` port on virtual time: stands for SNS (SMS) and SES (e-mail). It accepts every
 * message they would take (refusing the others as they do, shared/adapters/outgoing-message.ts)
 * and tells its observer, which counts what the provider accepted — the
 * only count the expectations `sms` and `email` are about. Failures are injected around it
 * (faults.ts), never inside — except the account's quota (campaign mode): with `rates`, a send
 * beyond R per second of its channel is refused as the real providers refuse it (throttled).
 */
import type { AlertChannel } from '../shared/domain/types.ts';
import type { Clock, Notifier, OutgoingMessage, SendResult } from '../shared/ports.ts';
import { unsendable } from '../shared/adapters/outgoing-message.ts';
import { TokenBucket } from './token-bucket.ts';

export interface AcceptedMessage {
  readonly message: OutgoingMessage;
  /** Virtual instant of acceptance. */
  readonly at: string;
  readonly providerMessageId: string;
}

export interface NotifierObserver {
  accepted(accepted: AcceptedMessage): void;
  /** A send refused for the quota (campaign mode). */
  throttled?(message: OutgoingMessage): void;
}

export class VirtualNotifier implements Notifier {
  private sequence = 0;
  private readonly quotas: Partial<Record<AlertChannel, TokenBucket>>;

  constructor(
    private readonly clock: Clock,
    private readonly observer: NotifierObserver,
    rates: Partial<Record<AlertChannel, number>> = {},
  ) {
    this.quotas = Object.fromEntries(Object.entries(rates).map(([channel, rate]) => [channel, new TokenBucket(rate)]));
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const malformed = unsendable(message);
    if (malformed !== null) return { status: 'permanentFailure', reason: malformed };
    const quota = this.quotas[message.channel];
    if (quota !== undefined && !quota.take(Date.parse(this.clock.now()))) {
      this.observer.throttled?.(message);
      // SNS answers Throttled or Throttling, SES TooManyRequestsException or Throttling; the adapters map them all to this.
      return { status: 'throttled', reason: `rate exceeded (${quota.perSecond}/s)` };
    }
    this.sequence += 1;
    const providerMessageId = `sim-${message.channel}-${this.sequence}`;
    this.observer.accepted({ message, at: this.clock.now(), providerMessageId });
    return { status: 'accepted', providerMessageId };
  }
}

/** Keeps every accepted message and counts them by alert id (timeline files are small). */
export class MessageLog implements NotifierObserver {
  readonly messages: AcceptedMessage[] = [];
  private readonly byId = new Map<string, number>();

  accepted(accepted: AcceptedMessage): void {
    this.messages.push(accepted);
    this.byId.set(accepted.message.id, (this.byId.get(accepted.message.id) ?? 0) + 1);
  }

  /** How many times the provider accepted the message with this id (more than 1 is a double send). */
  countOf(id: string): number {
    return this.byId.get(id) ?? 0;
  }

  /** Ids accepted more than once. */
  duplicates(): string[] {
    return [...this.byId].filter(([, n]) => n > 1).map(([id]) => id);
  }
}
