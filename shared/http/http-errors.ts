/**
 * Failures that only the HTTP layer can detect (the body's size, media type and syntax). They
 * extend AppError so that the one `app.onError` maps them like every other error.
 */
import { AppError } from '../errors.ts';

/** The body is larger than the route accepts (64 KiB; 10 MiB for a deposit). */
export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large';
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes.`);
  }
}

/** The body is not of the media type the route expects (JSON for the API, a form for the pages). */
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'unsupported_media_type';
  constructor(expected: string) {
    super(`The request body must be ${expected}.`);
  }
}

/** The body claims to be JSON but does not parse. */
export class MalformedJsonError extends AppError {
  readonly code = 'invalid_json';
  constructor() {
    super('The request body is not valid JSON.');
  }
}
