/**
 * The Notifier port for SMS on Amazon SNS (R11): transactional messages from an alphanumeric
 * sender ID. Phone numbers are never logged nor put in a failure reason.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, OutgoingMessage, SendResult } from '../../ports.ts';
import { unsendable } from '../outgoing-message.ts';
import { providerFailure } from './provider-failure.ts';
import { ALERT_ID_ATTRIBUTE, providerTraceId } from './provider-trace.ts';

/** SNS alphanumeric sender IDs: 3 to 11 letters or digits, at least one letter. */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;

export interface SnsSmsNotifierOptions {
  readonly client: SNSClient;
  /** Alphanumeric sender ID shown on the phone, e.g. `OFPRA` (3–11 letters or digits). */
  readonly senderId: string;
}

/** Sends SMS alerts with SNS Publish to a phone number. */
export class SnsSmsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #senderId: string;

  constructor(options: SnsSmsNotifierOptions) {
    if (!SENDER_ID.test(options.senderId)) {
      throw new RangeError('The SMS sender ID must be 3 to 11 letters or digits, with at least one letter.');
    }
    this.#client = options.client;
    this.#senderId = options.senderId;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') return { status: 'permanentFailure', reason: 'not an SMS message' };
    const malformed = unsendable(message);
    if (malformed !== null) return { status: 'permanentFailure', reason: malformed };
    try {
      const output = await this.#client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.#senderId },
            [ALERT_ID_ATTRIBUTE]: { DataType: 'String', StringValue: providerTraceId(message.id) },
          },
        }),
      );
      return { status: 'accepted', providerMessageId: output.MessageId ?? '' };
    } catch (error) {
      return providerFailure(error);
    }
  }
}
