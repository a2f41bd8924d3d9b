/**
 * The ResetCodeRequests port on the alert queue (docs/alerts.md, docs/api.md "no enumeration"):
 * the applicant-facing function answers a reset-code request after one enqueue, whatever the
 * account; the queue's consumer issues and sends the code.
 */
import type { AlertQueue, ResetCodeRequest, ResetCodeRequests } from '../ports.ts';

export class QueuedResetCodeRequests implements ResetCodeRequests {
  constructor(private readonly queue: AlertQueue) {}

  async submit(request: ResetCodeRequest): Promise<void> {
    await this.queue.enqueue({ kind: 'resetCode', identifier: request.identifier, channel: request.channel, requestedAt: request.requestedAt, retries: 0 }, 0);
  }
}
