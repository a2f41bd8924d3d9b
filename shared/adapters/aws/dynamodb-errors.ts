/**
 * Turns what the DynamoDB SDK throws into shared/errors.ts classes, so a use case never sees an
 * AWS exception. Each call states what a failed condition means for it (an item that already
 * exists, or a version that moved on); throttling is the same everywhere.
 */
import { AppError, ConcurrentUpdateError, ServiceUnavailableError, StoreThrottledError } from '../../errors.ts';

/** What a failed condition means for the write that set it; `index` is the transaction item (0 for single writes). */
export type ConditionFailureMeaning = (cause: unknown, index: number) => AppError;

/** SDK exception names that mean "too many requests for now, retry later". */
const THROTTLING_EXCEPTIONS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** Cancellation reason codes of TransactWriteItems that mean throttling. */
const THROTTLING_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

interface CancellationReason {
  readonly Code?: string;
}

function exceptionName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function cancellationReasons(error: unknown): readonly CancellationReason[] {
  if (typeof error !== 'object' || error === null || !('CancellationReasons' in error)) return [];
  const reasons: unknown = error.CancellationReasons;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : [];
}

/**
 * The store could not answer, after the SDK's own retries: no HTTP answer at all (connection
 * refused or reset, time-out: DynamoDB Local stopped, network down) or a server-side fault (5xx).
 * A request DynamoDB answered with a client fault (4xx) is a bug, not an outage.
 */
function isOutage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fault = '$fault' in error ? error.$fault : undefined;
  const metadata = '$metadata' in error ? (error.$metadata as { httpStatusCode?: number } | undefined) : undefined;
  const status = metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || fault === 'server';
  return fault !== 'client';
}

/** True when DynamoDB refused the call for rate ("too many requests for now, retry later"). */
export function isThrottlingException(error: unknown): boolean {
  const name = exceptionName(error);
  return name !== undefined && THROTTLING_EXCEPTIONS.has(name);
}

/** True when a single-item write was refused because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return exceptionName(error) === 'ConditionalCheckFailedException';
}

/**
 * The error to throw instead of `error`, which a DynamoDB call raised.
 * @example
 * try { await client.send(put) } catch (error) {
 *   throw translateDynamoDbError(error, (cause) => new ItemAlreadyExistsError(key, { cause }));
 * }
 */
export function translateDynamoDbError(error: unknown, conditionFailed?: ConditionFailureMeaning): Error {
  if (error instanceof AppError) return error;
  const name = exceptionName(error);
  if (isConditionFailure(error) && conditionFailed) return conditionFailed(error, 0);
  if (isThrottlingException(error)) return new StoreThrottledError({ cause: error });
  if (name === 'TransactionCanceledException') {
    const reasons = cancellationReasons(error);
    const failedIndex = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failedIndex >= 0 && conditionFailed) return conditionFailed(error, failedIndex);
    if (reasons.some((reason) => reason.Code !== undefined && THROTTLING_REASONS.has(reason.Code))) {
      return new StoreThrottledError({ cause: error });
    }
    // Another transaction held one of the items: the same remedy as a lost optimistic race.
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
      return new ConcurrentUpdateError('transaction', { cause: error });
    }
  }
  if (name === 'TransactionConflictException') return new ConcurrentUpdateError('transaction', { cause: error });
  if (isOutage(error)) return new ServiceUnavailableError('store', { cause: error });
  // Anything else is a bug (a request DynamoDB refused): keep the SDK exception as the cause, not as the type.
  return new Error(`DynamoDB request failed (${name ?? 'unknown error'}).`, { cause: error });
}

/** Runs one DynamoDB call and translates whatever it throws. */
export async function storeCall<T>(call: () => Promise<T>, conditionFailed?: ConditionFailureMeaning): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateDynamoDbError(error, conditionFailed);
  }
}
