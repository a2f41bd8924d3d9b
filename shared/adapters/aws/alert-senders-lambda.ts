/**
 * `#alert-senders` inside the applicant-facing Lambda bundle (esbuild condition `lambda`, see
 * package.json `imports` and infra/bundling.ts): the SNS and SES clients and their construction
 * are not part of `index.mjs`. alert-senders.ts is built beside it as `alert-senders.cjs` and
 * loaded the first time a message is sent (a password-reset code).
 */
import type { Notifier } from '../../ports.ts';
import { besideBundle } from '../beside-bundle.ts';
import type * as AlertSendersModule from './alert-senders.ts';
import type { AlertSendersOptions } from './alert-senders.ts';

const module = besideBundle<typeof AlertSendersModule>('./alert-senders.cjs');

export function alertSenders(options: AlertSendersOptions): Notifier {
  let senders: Notifier | undefined;
  return {
    send: (message) => {
      senders ??= module().alertSenders(options);
      return senders.send(message);
    },
  };
}
