import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet sets (CSP, HSTS, frame, referrer, content-type options…),
 * worked out once. They depend on the configuration only (no per-request nonce), so every
 * answer gets the same set: @fastify/helmet built helmet's middleware again for every request,
 * parsing the CSP each time, about 25 µs of a case page's 800 µs of server CPU
 * (docs/performance.md, "Writes to the socket, the list's plan").
 */
export const securityHeaders = (options: Readonly<HelmetOptions>): Readonly<Record<string, string>> => {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)); },
    removeHeader: (name: string) => { headers.delete(name.toLowerCase()); },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  // helmet throws a bad option at once (since 8.1); older versions passed it to next.
  let failed: Error | undefined;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (e?: unknown) => { if (e) failed = e instanceof Error ? e : new Error('helmet refused its options'); });
  if (failed) throw failed;
  return Object.freeze(Object.fromEntries(headers));
};

/** Every answer (pages, files, errors, 404s) carries the headers, set when the request arrives, as @fastify/helmet did; a route may still override one. */
export const registerSecurityHeaders = (app: FastifyInstance, options: Readonly<HelmetOptions>): void => {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
};
