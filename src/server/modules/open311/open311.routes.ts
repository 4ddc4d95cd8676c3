import { parse as parseQuery } from 'node:querystring';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import { toAppError } from '../../platform/problem';
import { authenticateApiKey } from '../integrations/integrations.usecases';
import { contentType, formatOfUrl, type Open311Format, render, splitFormat } from './open311.format';
import * as open311 from './open311.usecases';

type Params = Record<string, string | undefined>;

/** Query or form fields as single strings (the last value of a repeated field). */
function fields(raw: unknown): Params {
  const out: Params = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') out[k] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[k] = String(value);
  }
  return out;
}

/** GeoReport errors: an array of {code, description}; HTTP 404 unknown, 403 api_key, 400 the rest. */
function sendError(request: FastifyRequest, reply: FastifyReply, format: Open311Format, error: AppError) {
  const t = translator(request.lang);
  const status = error.status === 422 || error.status === 409 || error.status === 415 ? 400 : error.status;
  const description = error.fieldErrors?.length
    ? error.fieldErrors
        .map(
          (f) =>
            `${f.path.replace(/^body\./, '')}: ${t(`errors:${f.messageKey}`, { ...f.params, defaultValue: t('errors:field.invalid') })}`,
        )
        .join('; ')
    : t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:internal') });
  if (status === 429) reply.header('retry-after', '60');
  return reply
    .status(status)
    .type(contentType(format))
    .send(render(format, 'errors', [{ code: status, description }]));
}

/**
 * Open311 GeoReport v2 at /open311/v2 (spec: wiki.open311.org/GeoReport_v2), every endpoint in .json
 * and .xml, with the `page`/`page_size` extension and mySociety's `servicerequestupdates`. Reads are
 * public and rate-limited per address; POST needs an api_key and is rate-limited per key.
 */
export async function open311Routes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      try {
        done(null, parseQuery(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as Error);
    if (appError.status >= 500) request.log.error({ err: error }, 'open311 request failed');
    return sendError(request, reply, formatOfUrl(request.url), appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, formatOfUrl(request.url), new AppError('route_not_found', 404)),
  );

  const read = { rateLimit: { max: ctx.config.OPEN311_READ_RATE_LIMIT, timeWindow: '1 minute' } };
  const send = (reply: FastifyReply, format: Open311Format, root: string, value: unknown) =>
    reply.type(contentType(format)).send(render(format, root, value));
  const formatOf = (file: string) => {
    const split = splitFormat(file);
    if (!split) throw new AppError('open311.format_not_supported', 404);
    return split;
  };

  for (const format of ['json', 'xml'] as const) {
    app.get(`/services.${format}`, { config: read }, async (request, reply) => {
      open311.checkJurisdiction(ctx, fields(request.query).jurisdiction_id);
      return send(reply, format, 'services', await open311.listServices(ctx, request.lang));
    });

    app.get(`/requests.${format}`, { config: read }, async (request, reply) =>
      send(
        reply,
        format,
        'service_requests',
        await open311.listRequests(ctx, request.lang, fields(request.query)),
      ),
    );

    app.post(`/requests.${format}`, async (request, reply) => {
      const p = { ...fields(request.query), ...fields(request.body) };
      const actor = await authenticateApiKey(
        ctx,
        p.api_key ?? (request.headers['x-api-key'] as string | undefined),
        request.ip,
      );
      open311.checkRate(actor.client.id, actor.client.rateLimitPerMinute ?? ctx.config.API_KEY_RATE_LIMIT);
      return send(
        reply,
        format,
        'service_requests',
        await open311.createRequest(ctx, actor, p, request.lang),
      );
    });

    app.get(`/servicerequestupdates.${format}`, { config: read }, async (request, reply) =>
      send(
        reply,
        format,
        'service_request_updates',
        await open311.listUpdates(ctx, request.lang, fields(request.query)),
      ),
    );
  }

  app.get<{ Params: { file: string } }>('/services/:file', { config: read }, async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    open311.checkJurisdiction(ctx, fields(request.query).jurisdiction_id);
    return send(
      reply,
      format,
      'service_definition',
      await open311.serviceDefinition(ctx, request.lang, name),
    );
  });

  app.get<{ Params: { file: string } }>('/requests/:file', { config: read }, async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    return send(
      reply,
      format,
      'service_requests',
      await open311.getRequest(ctx, request.lang, name, fields(request.query)),
    );
  });

  app.get<{ Params: { file: string } }>('/tokens/:file', { config: read }, async (request, reply) => {
    const { name, format } = formatOf(request.params.file);
    return send(
      reply,
      format,
      'service_requests',
      await open311.resolveToken(ctx, name, fields(request.query)),
    );
  });
}
