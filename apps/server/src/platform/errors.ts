// The lean entry (no schemas): a platform thread loads this without the API's TypeBox schemas.
import { errorCatalogue, type ErrorCode } from '@fazhi/contracts/errors';

/**
 * A failure the caller can act on. Carries a stable code from the shared catalogue;
 * the HTTP status and the Chinese/English message come from that catalogue, in one place.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? errorCatalogue[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');

/** Thrown at start when configuration or a definition is wrong: stops the process with the message. */
export class StartupError extends Error {
  override name = 'StartupError';
}
