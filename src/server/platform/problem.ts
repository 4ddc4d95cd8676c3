import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Language } from '../../contracts/auth';
import { AppError, type FieldError } from './errors';
import { translator } from './i18n';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  errors?: { path: string; code: string; message: string }[];
}

function problemOf(lang: Language, instance: string, error: AppError): ProblemBody {
  const t = translator(lang);
  const body: ProblemBody = {
    type: `urn:anju:problem:${error.code}`,
    title: t(`errors:title.${error.status}`, { defaultValue: t('errors:title.default') }),
    status: error.status,
    code: error.code,
    detail: t(`errors:${error.code}`, { ...error.params, defaultValue: t('errors:internal') }),
    instance,
  };
  if (error.fieldErrors?.length) {
    body.errors = error.fieldErrors.map((f) => ({
      path: f.path,
      code: f.code,
      message: t(`errors:${f.messageKey}`, {
        ...f.params,
        field: f.path,
        defaultValue: t('errors:field.invalid'),
      }),
    }));
  }
  return body;
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Zod issues → field errors with paths like `body.address` and a message key per issue code. */
function fieldErrorsOf(context: string, issues: ValidationIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [context, ...issue.instancePath.split('/').filter(Boolean)].join('.');
    const params = issue.params ?? {};
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      for (const key of params.keys as string[]) {
        out.push({ path: `${base}.${key}`, code: 'unknown_field', messageKey: 'field.unknown_field' });
      }
      continue;
    }
    // custom messages of our own schemas are message keys (e.g. "password.too_short", "area")
    const own = issue.message && /^[a-z_]+(\.[a-z_]+)*$/.test(issue.message) ? issue.message : null;
    const code = own ?? issue.keyword;
    out.push({
      path: base,
      code,
      messageKey: own ? `field.${own}` : `field.${issue.keyword}`,
      params: {
        expected: params.expected,
        minimum: params.minimum,
        maximum: params.maximum,
        format: params.format,
        values: Array.isArray(params.values) ? (params.values as unknown[]).join(', ') : undefined,
      },
    });
  }
  return out;
}

/** Maps every error to application/problem+json (RFC 9457) in the caller's language. */
export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    return new AppError(
      'validation.failed',
      400,
      {},
      fieldErrorsOf(
        fe.validationContext === 'querystring' ? 'query' : (fe.validationContext ?? 'body'),
        fe.validation as unknown as ValidationIssue[],
      ),
    );
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request.malformed_json', 400);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.empty_body', 400);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', 413, { limit: '1 MB' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type', 415);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.malformed', 400);
    case 'FST_ERR_RESPONSE_SERIALIZATION':
      return new AppError('internal', 500);
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', 429);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // JSON.parse errors thrown by the content parser carry status 400 but no code
    if (error instanceof SyntaxError) return new AppError('request.malformed_json', 400);
    return new AppError('request.malformed', fe.statusCode);
  }
  return new AppError('internal', 500);
}

export function installProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error(
        {
          err: error,
          cause: isResponseSerializationError(error as never) ? (error as Error).cause : undefined,
        },
        'request failed',
      );
    }
    const body = problemOf(request.lang ?? 'zh-CN', request.url.split('?')[0] ?? '', appError);
    if (appError.status === 429 || appError.code === 'auth.locked') reply.header('retry-after', '60');
    return sendProblem(reply, appError.status, body);
  });
}

export function sendNotFoundProblem(request: FastifyRequest, reply: FastifyReply) {
  const body = problemOf(
    request.lang ?? 'zh-CN',
    request.url.split('?')[0] ?? '',
    new AppError('route_not_found', 404),
  );
  return sendProblem(reply, 404, body);
}

/**
 * Sent as a string, so the route's response schema for that status (a 400 report of its own,
 * say) never re-serializes a problem: that would turn every refused request into a 500.
 */
function sendProblem(reply: FastifyReply, status: number, body: ProblemBody) {
  return reply.status(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}
