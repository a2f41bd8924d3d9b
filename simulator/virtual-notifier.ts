/**
 * The `Notifier` port on virtual time: stands for SNS (SMS) and SES (e-mail). It accepts every
 * well-formed message and tells its observer, which counts what the provider accepted — the
 * only count the expectations `sms` and `email` are about. Failures are injected around it
 * (faults.ts), never inside.
 */
import type { Clock, Notifier, OutgoingMessage, SendResult } from '../shared/ports.ts';

const E164 = /^\+\d{8,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface AcceptedMessage {
  readonly message: OutgoingMessage;
  /** Virtual instant of acceptance. */
  readonly at: string;
  readonly providerMessageId: string;
}

export interface NotifierObserver {
  accepted(accepted: AcceptedMessage): void;
}

export class VirtualNotifier implements Notifier {
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly observer: NotifierObserver,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const wellFormed = message.channel === 'sms' ? E164.test(message.to) : EMAIL.test(message.to);
    if (!wellFormed || message.text === '') {
      return { status: 'permanentFailure', reason: `rejected by the provider: malformed ${message.channel} message` };
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
