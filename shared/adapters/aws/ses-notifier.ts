/**
 * The Notifier port for e-mail on Amazon SES v2 (R11): subject, text and HTML bodies in UTF-8
 * (the HTML rendered here from the composed body, shared/adapters/email-html.tsx).
 * Addresses are never logged nor put in a failure reason.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Notifier, OutgoingMessage, SendResult } from '../../ports.ts';
import { alertEmailHtml } from '../email-html.tsx';
import { unsendable } from '../outgoing-message.ts';
import { ALERT_ID_TAG, alertIdTagValue } from './provider-trace.ts';
import { providerFailure } from './provider-failure.ts';

/** `address@domain`, optionally as `Display Name <address@domain>`. */
const FROM_ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;
const UTF8 = 'UTF-8';
export interface SesEmailNotifierOptions {
  readonly client: SESv2Client;
  /** A verified sender, e.g. `OFPRA <ne-pas-repondre@demat.ofpra.example.fr>`. */
  readonly from: string;
  /** SES configuration set for delivery events, if any. */
  readonly configurationSetName?: string;
}

/** Sends e-mail alerts with SES SendEmail (simple content). */
export class SesEmailNotifier implements Notifier {
  readonly #options: SesEmailNotifierOptions;

  constructor(options: SesEmailNotifierOptions) {
    if (!FROM_ADDRESS.test(options.from)) throw new RangeError('The e-mail sender must be an e-mail address.');
    this.#options = options;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'email') return { status: 'permanentFailure', reason: 'not an e-mail message' };
    const malformed = unsendable(message);
    if (malformed !== null || message.subject === undefined) return { status: 'permanentFailure', reason: malformed ?? 'the e-mail has no subject' };
    try {
      const output = await this.#options.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.#options.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: UTF8 },
              Body: {
                Text: { Data: message.text, Charset: UTF8 },
                ...(message.body === undefined ? {} : { Html: { Data: alertEmailHtml(message.subject, message.body), Charset: UTF8 } }),
              },
            },
          },
          EmailTags: [{ Name: ALERT_ID_TAG, Value: alertIdTagValue(message.id) }],
          ...(this.#options.configurationSetName === undefined
            ? {}
            : { ConfigurationSetName: this.#options.configurationSetName }),
        }),
      );
      return { status: 'accepted', providerMessageId: output.MessageId ?? '' };
    } catch (error) {
      return providerFailure(error);
    }
  }
}
