import type { FastifyRequest } from 'fastify';

/** Query parameters whose values never reach the log: search terms and citizens' identifiers. */
const SECRET_PARAMS = new Set(['q', 'phone', 'idnumber', 'code', 'querycode', 'trackingno']);
/** A resident ID number (18 characters, the last a digit or X) and a mobile number, anywhere in the URL. */
const ID_NUMBER = /\d{17}[\dXx]/g;
const MOBILE = /1[3-9]\d{9}/g;
const HIDDEN = '[REDACTED]';

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/**
 * The URL as the log may keep it: the values of the secret parameters replaced, and whatever
 * looks like an ID or mobile number replaced wherever it stands (path, other parameters).
 */
export const redactUrl = (url: string): string => {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = at < 0 ? null : url.slice(at + 1);
  const kept = query === null ? '' : `?${query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return SECRET_PARAMS.has(decode(name).toLowerCase()) && eq >= 0 ? `${name}=${HIDDEN}` : pair;
  }).join('&')}`;
  // Patterns are applied to the decoded form too: %31%33… must not slip a number through.
  const masked = (s: string): string => s.replace(ID_NUMBER, HIDDEN).replace(MOBILE, HIDDEN);
  const whole = masked(path + kept);
  const plain = decode(whole);
  return masked(plain) === plain ? whole : masked(plain);
};

/** The request as the log records it (Fastify's own fields, with the URL redacted). */
export const serializeRequest = (req: FastifyRequest): Record<string, unknown> => ({
  method: req.method,
  url: redactUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket.remotePort,
});
