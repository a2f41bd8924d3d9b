/**
 * Notifier in memory: keeps every message it accepted, refuses what SNS and SES refuse outright
 * (outgoing-message.ts), and can be told to refuse the next sends of a channel with a temporary or
 * permanent failure, like a throttled or rejecting provider.
 */
import type { AlertChannel } from '../../domain/types.ts';
import type { Notifier, OutgoingMessage, SendResult } from '../../ports.ts';
import { unsendable } from '../outgoing-message.ts';

export interface AcceptedMessage extends OutgoingMessage {
  readonly providerMessageId: string;
}

export class InMemoryNotifier implements Notifier {
  /** Messages the "provider" accepted, in order. */
  readonly accepted: AcceptedMessage[] = [];
  /** Every send, accepted or not, with its result. */
  readonly attempts: Array<{ readonly message: OutgoingMessage; readonly result: SendResult }> = [];
  private readonly failures: Record<AlertChannel, Array<'throttled' | 'temporaryFailure' | 'permanentFailure'>> = { sms: [], email: [] };

  async send(message: OutgoingMessage): Promise<SendResult> {
    const malformed = unsendable(message);
    // A malformed message never reaches the provider, so it does not use up a refusal it was told of.
    const failure = malformed === null ? this.failures[message.channel].shift() : undefined;
    const result: SendResult =
      malformed !== null
        ? { status: 'permanentFailure', reason: malformed }
        : failure === undefined
        ? { status: 'accepted', providerMessageId: `memory-${this.accepted.length + 1}` }
        : { status: failure, reason: `told to fail (${failure})` };
    this.attempts.push({ message: structuredClone(message), result });
    if (result.status === 'accepted') this.accepted.push({ ...structuredClone(message), providerMessageId: result.providerMessageId });
    return result;
  }

  /** The next `count` sends on `channel` fail with `status` (then sends are accepted again); `throttled` is a refusal for rate. */
  failNext(channel: AlertChannel, count: number, status: 'throttled' | 'temporaryFailure' | 'permanentFailure' = 'temporaryFailure'): void {
    this.failures[channel].push(...Array.from({ length: count }, () => status));
  }

  /** Accepted messages of a channel (and recipient, if given). */
  sent(channel?: AlertChannel, to?: string): AcceptedMessage[] {
    return this.accepted.filter((message) => (channel === undefined || message.channel === channel) && (to === undefined || message.to === to));
  }
}
