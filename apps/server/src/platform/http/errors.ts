import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, type ErrorBody, type ErrorCode } from '@fazhi/contracts';
import { AppError } from '../errors.ts';
import { classifyDatabaseError, classifyInputError } from '../db/db-errors.ts';

export type Locale = 'zh' | 'en';
export const localeOf = (req: FastifyRequest): Locale => (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh');

/** Fields a case type's schema named (checkCaseData): the message lists them by their labels. */
const namedFields = (details: unknown, locale: Locale): string => {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return '';
  const names = fields.flatMap((f) => {
    const l = (f as { label?: { zh?: unknown; en?: unknown } }).label?.[locale];
    return typeof l === 'string' && l !== '' ? [l] : [];
  });
  if (names.length === 0) return '';
  return locale === 'zh' ? `（${names.join('、')}）` : ` (${names.join(', ')})`;
};

export const errorBody = (req: FastifyRequest, code: ErrorCode, details?: unknown): ErrorBody => {
  const locale = localeOf(req);
  return {
    error: { code, message: errorCatalogue[code][locale] + namedFields(details, locale), ...(details === undefined ? {} : { details }) },
    requestId: String(req.id),
  };
};

const send = (req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown): FastifyReply => {
  const status = errorCatalogue[code].status;
  if (status === 503) reply.header('retry-after', '5');
  // A throttled attempt says how long to wait, in the body (details.retryAfter) and the header.
  const retryAfter = (details as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(status).header('cache-control', 'no-store').send(errorBody(req, code, details));
};

/**
 * The one place errors become HTTP: typed errors keep their code; validation failures
 * become 400 VALIDATION with the fields named; a database that is busy (no connection free in
 * time, a statement past its limit) or cannot be reached becomes 503 SERVICE_BUSY or
 * DATABASE_UNAVAILABLE (platform/db/db-errors.ts); what the database refuses as input (a
 * duplicate, a missing reference, a value a column does not take) becomes 409 DUPLICATE, 422
 * REFERENCE_NOT_FOUND or 422 VALUE_NOT_ACCEPTED with the constraint named; anything else unknown is logged and
 * answered as a plain 500 with the request id, never with a stack trace.
 */
export const registerErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'app error');
      return send(req, reply, err.code, err.details);
    }
    const fe = err;
    if (fe.validation) {
      const fields = fe.validation.map((v) => ({ path: `${fe.validationContext ?? ''}${v.instancePath}`, rule: v.keyword, message: v.message }));
      return send(req, reply, 'VALIDATION', { fields });
    }
    if (fe.statusCode === 429) return send(req, reply, 'RATE_LIMITED');
    if (fe.statusCode === 413) return send(req, reply, 'PAYLOAD_TOO_LARGE');
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, wrong content type, bad URL encoding: the client's input.
      return send(req, reply, 'VALIDATION', { reason: fe.code });
    }
    const db = classifyDatabaseError(err);
    if (db) {
      req.log.warn({ err, code: db }, 'database busy or unreachable');
      return send(req, reply, db);
    }
    const input = classifyInputError(err);
    if (input) {
      // The edge lets little through to the database; what it does is logged, in case a rule is missing there.
      req.log.warn({ err, code: input.code, details: input.details }, 'database refused the input');
      return send(req, reply, input.code, input.details);
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 'INTERNAL');
  });
};
