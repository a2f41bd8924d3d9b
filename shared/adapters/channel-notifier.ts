/**
 * Routes each message to the provider of its channel: SNS for SMS and SES for e-mail in the
 * cloud; locally both go to the outbox.
 */
import type { AlertChannel } from '../domain/types.ts';
import type { Notifier, OutgoingMessage, SendResult } from '../ports.ts';

export class ChannelNotifier implements Notifier {
  constructor(private readonly providers: Readonly<Record<AlertChannel, Notifier>>) {}

  send(message: OutgoingMessage): Promise<SendResult> {
    return this.providers[message.channel].send(message);
  }
}
