import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifySchema } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TypedApp } from './platform/http/types.ts';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { loadWebPages, pickEncoding } from './platform/http/web-pages.ts';
import { postgresRateLimitStore } from './platform/http/rate-limit-store.ts';
import type { Platform } from './platform/platform.ts';
import { isApiRoute, registerAccess, requireAccessDeclaration, type RouteAccess } from './platform/http/access.ts';
import { errorBody, registerErrorHandler } from './platform/http/errors.ts';
import { addStrictFormats } from './platform/http/formats.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { serializeRequest } from './platform/http/log-redact.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { serializerCompiler } from './platform/http/serializer.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerOrgRoutes } from './modules/orgs/orgs.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerRoleRoutes } from './modules/roles/roles.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerPortalRoutes } from './modules/portal/portal.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerTokenRoutes } from './modules/tokens/tokens.routes.ts';
import { registerCaseRoutes } from './modules/cases/cases.routes.ts';
import { registerMetricRoutes } from './modules/metrics/metrics.routes.ts';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { registerCalendarRoutes } from './modules/calendar/calendar.routes.ts';
import { registerTrackingRoutes } from './modules/tracking/tracking.routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { registerOutboxRoutes } from './modules/outbox/outbox.routes.ts';


/** The API's routes with their access declarations and request schemas: for the docs, the CLI, the access tests and the fuzz. */
export type RouteInfo = { method: string; url: string; access: RouteAccess; schema?: FastifySchema };
declare module 'fastify' {
  interface FastifyInstance {
    fazhiRoutes: RouteInfo[];
  }
}

/** Module route registrations, in menu order. Each module adds itself here. */
const modules = [registerHealthRoutes, registerAuthRoutes, registerOrgRoutes, registerUserRoutes, registerRoleRoutes, registerAuditRoutes, registerTokenRoutes, registerCaseRoutes, registerMetricRoutes, registerAttachmentRoutes, registerCalendarRoutes, registerTrackingRoutes, registerNotificationRoutes, registerOutboxRoutes, registerPortalRoutes];

/**
 * The request log: one line per request, written when it is answered, with the request (URL
 * redacted by the logger's serializer), status and time — instead of Fastify's two (one on
 * arrival, one on answer): issue 11. Fastify's other lines (errors, a missing route) are kept.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void { /* logged once, with the answer */ }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

/**
 * The image source the command map's tiles come from, for the CSP: the template's origin, with
 * a `{s}` subdomain (t{s}.tianditu.gov.cn) widened to the parent domain's wildcard.
 */
const tileSources = (template: string | null): string[] => {
  if (!template) return [];
  const m = /^(https?:)\/\/([^/?#]+)/.exec(template);
  if (!m) return [];
  const host = (m[2] ?? '').toLowerCase();
  return [`${m[1]}//${host.includes('{s}') ? `*.${host.slice(host.indexOf('.') + 1)}` : host}`];
};

export const buildApp = async (platform: Platform, opts: { logger?: boolean } = {}): Promise<TypedApp> => {
  const { config } = platform;
  const app = Fastify({
    // The request log keeps no search terms or citizens' numbers from URLs (platform/http/log-redact.ts):
    // a serializer of the instance takes precedence over Fastify's own.
    loggerInstance: opts.logger === false ? undefined : (platform.log.child({}, { serializers: { req: serializeRequest } }) as unknown as FastifyBaseLogger),
    logController: new OneLinePerRequest(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Formats as strict as the database (a real calendar day, no `urn:uuid:`), and no NaN or
    // Infinity as a number; docs/reliability.md, "No 500 for bad input".
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, strictNumbers: true }, onCreate: addStrictFormats },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Answers written from their contract without checking each union at run time (platform/http/serializer.ts).
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteInfo[] = [];
  app.decorate('fazhiRoutes', routes);
  app.addHook('onRoute', (route) => {
    requireAccessDeclaration(route, config.publicRateLimitPerMinute);
    const access = route.config?.access;
    if (isApiRoute(route.url) && access) {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access, schema: route.schema });
    }
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
    if (isApiRoute(req.url)) reply.header('cache-control', 'no-store');
  });
  registerErrorHandler(app);
  registerInputGuard(app);

  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS): inline styles, never inline scripts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The command map's tiles, if a tile server is configured (FAZHI_MAP_TILE_URL).
        imgSrc: ["'self'", 'data:', 'blob:', ...tileSources(config.mapTiles.url)],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: config.cookieSecure,
    crossOriginEmbedderPolicy: false,
  });
  // Counted in PostgreSQL, so several server processes enforce one limit together; a counting
  // that fails (the database away) lets the request through to be answered like any other.
  await app.register(rateLimit, {
    global: false, store: postgresRateLimitStore(platform.system, platform.keys.master), skipOnError: true,
    errorResponseBuilder: (req) => ({ statusCode: 429, ...errorBody(req, 'RATE_LIMITED') }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Fazhi API', version: '0.1.0', description: '法治（Fazhi）平台接口。Console API: session cookie + X-CSRF-Token header, or `Authorization: Bearer fzt_…` API token.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fazhi_sid' }, token: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAccess(app, platform);
  await app.register(async (api) => {
    // The platform's own routes, then each module's (FazhiModule.routes).
    for (const register of [...modules, ...platform.modules.flatMap((m) => m.routes ?? [])]) register(api, platform);
  });

  const webDist = config.webDist;
  const webPages = loadWebPages(webDist);
  const hasWeb = webPages !== null;
  // Hashed assets (dist/assets/*-<hash>.js|css) never change under their name: cached for a
  // year without asking again. Everything else (index.html above all, which names the current
  // assets) is asked again each time. The build writes brotli and gzip copies beside each file
  // (apps/web/vite.config.ts); a browser gets the smallest it accepts (docs/performance.md, "The portal").
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist, wildcard: false, index: false, preCompressed: true, cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(path.join(webDist, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // A hashed asset that is not there (a tab opened before a new version was deployed) is a
    // 404, so the page's chunk loader reloads it, never index.html under a script's name.
    if (isApiRoute(req.url) || req.method !== 'GET' || !hasWeb || req.url.startsWith('/assets/')) {
      return reply.status(404).send(errorBody(req, 'NOT_FOUND'));
    }
    // The console and the portal are one single-page app: every other page gets index.html,
    // with its own page's code named for preloading (platform/http/web-pages.ts).
    const page = webPages(req.url.split('?')[0] ?? '/');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? page[encoding] : page.plain);
  });
  return app;
};
