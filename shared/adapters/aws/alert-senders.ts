/**
 * SMS (SNS) and e-mail (SES) senders behind one Notifier, for the functions that send alerts
 * (deadline, sweep, alerts). The applicant-facing function sends nothing: it hands reset-code
 * requests to the alert queue (docs/alerts.md).
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import type { CloudConfig } from '../../config.ts';
import type { Notifier } from '../../ports.ts';
import { ChannelNotifier } from '../channel-notifier.ts';
import { SesEmailNotifier } from './ses-notifier.ts';
import { SnsSmsNotifier } from './sns-notifier.ts';

/** The senders of the functions that deliver alerts, from the stage's sender ID and address. */
export function cloudAlertSenders(config: Pick<CloudConfig, 'SMS_SENDER_ID' | 'EMAIL_FROM'>): Notifier {
  return new ChannelNotifier({
    sms: new SnsSmsNotifier({ client: new SNSClient({ maxAttempts: 3 }), senderId: config.SMS_SENDER_ID }),
    email: new SesEmailNotifier({ client: new SESv2Client({ maxAttempts: 3 }), from: config.EMAIL_FROM }),
  });
}
