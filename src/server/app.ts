import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { z } from 'zod';
import type { AppContext } from './context';
import { assessmentRoutes } from './modules/assessment/assessment.routes';
import { screenRoutes } from './modules/assessment/screen.routes';
import { assetsRoutes } from './modules/assets/assets.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { sessionPlugin } from './modules/auth/auth.session';
import { casesRoutes } from './modules/cases/cases.routes';
import { dutiesRoutes } from './modules/duties/duties.routes';
import { emergencyRoutes } from './modules/emergency/emergency.routes';
import { firesafetyRoutes } from './modules/firesafety/firesafety.routes';
import { fundsRoutes } from './modules/funds/funds.routes';
import { hazardsRoutes } from './modules/hazards/hazards.routes';
import { hotlineRoutes } from './modules/hotline/hotline.routes';
import { inspectionsRoutes } from './modules/inspections/inspections.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { legacyRoutes } from './modules/legacy/legacy.routes';
import { mediationRoutes } from './modules/mediation/mediation.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { open311Routes } from './modules/open311/open311.routes';
import { orgRoutes } from './modules/org/org.routes';
import { ownersRoutes } from './modules/owners/owners.routes';
import { planRoutes } from './modules/plan/plan.routes';
import { projectsRoutes } from './modules/projects/projects.routes';
import { residentRoutes } from './modules/resident/resident.routes';
import { usersRoutes } from './modules/users/users.routes';
import { votesRoutes } from './modules/votes/votes.routes';
import { warrantiesRoutes } from './modules/warranties/warranties.routes';
import { waterloggingRoutes } from './modules/waterlogging/waterlogging.routes';
import { calendarRoutes } from './platform/calendar/calendar.routes';
import { AppError } from './platform/errors';
import { filesRoutes } from './platform/files/files.routes';
import { healthRoutes } from './platform/health';
import { installProblemHandler, sendNotFoundProblem } from './platform/problem';
import { refuseUnacceptableText } from './platform/text';
import { version } from './platform/version';
import { WEB_ASSETS_DIR } from './webAssets';

export const BODY_LIMIT = 1024 * 1024;
export const webRoot = resolve(
  join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../dist/web'),
);

export interface BuildOptions {
  logger?: boolean | { level: string };
  /** serve the built web app from dist/web (off in API tests) */
  web?: boolean;
  /** more routes on the same stack (the benchmark's same-stack baselines) */
  extend?: (app: FastifyInstance) => void;
}

/** Platform plugins, then every module's routes, in one list. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: ctx.config.TRUST_PROXY,
    // requests are not logged one by one (the access log belongs to the proxy); errors are
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);

  // security headers on every answer; built once (the Fastify plugin rebuilds them per request)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        // only behind TLS; a demo on plain http must keep loading its own assets
        upgradeInsecureRequests: ctx.config.production ? [] : null,
      },
    },
    strictTransportSecurity: ctx.config.production,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited', 429),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Anju 安居 API',
        version,
        description:
          'Residential community governance. Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
          'Cookie-authenticated writes must send the session CSRF token in `x-csrf-token`.',
      },
      servers: [],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anju_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(sessionPlugin, { ctx });
  app.addHook('preValidation', refuseUnacceptableText);

  await app.register(healthRoutes, { ctx });
  await app.register(
    async (api) => {
      // a route that declares no query parameters refuses any, naming it, as the declared ones do
      api.addHook('onRoute', (route) => {
        if (!route.schema?.querystring) route.schema = { ...route.schema, querystring: z.strictObject({}) };
      });
      await api.register(authRoutes, { ctx });
      await api.register(orgRoutes, { ctx });
      await api.register(usersRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(calendarRoutes, { ctx });
      await api.register(filesRoutes, { ctx });
      await api.register(dutiesRoutes, { ctx });
      await api.register(casesRoutes, { ctx });
      // safety: assets, inspections, hazards, emergency centre, fire safety, warranties, legacy, waterlogging
      for (const routes of [
        assetsRoutes,
        inspectionsRoutes,
        hazardsRoutes,
        emergencyRoutes,
        firesafetyRoutes,
        warrantiesRoutes,
        legacyRoutes,
        waterloggingRoutes,
      ])
        await api.register(routes, { ctx });
      await api.register(ownersRoutes, { ctx });
      await api.register(votesRoutes, { ctx });
      await api.register(fundsRoutes, { ctx });
      await api.register(mediationRoutes, { ctx });
      await api.register(residentRoutes, { ctx });
      await api.register(notificationsRoutes, { ctx });
      await api.register(hotlineRoutes, { ctx });
      await api.register(integrationsRoutes, { ctx });
      await api.register(assessmentRoutes, { ctx });
      await api.register(projectsRoutes, { ctx });
      await api.register(planRoutes, { ctx });
      await api.register(screenRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  await app.register(open311Routes, { ctx, prefix: '/open311/v2' });

  opts.extend?.(app as unknown as FastifyInstance);

  const serveWeb = (opts.web ?? true) && existsSync(join(webRoot, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
      maxAge: '1h',
      // hashed assets may be cached; the page that names them must not be
      setHeaders: (res, file) => {
        if (file.endsWith('index.html')) res.header('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      serveWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !path.startsWith('/open311/') &&
      !path.startsWith(`/${WEB_ASSETS_DIR}/`)
    ) {
      // the single-page app owns every other path: /, /m, /screen and their children
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendNotFoundProblem(request, reply);
  });
  return app;
}
