import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../context';
import { pickLanguage } from '../../platform/i18n';
import { csrfFailed } from './auth.errors';
import { resolveSession } from './auth.usecases';

export const SESSION_COOKIE = 'anju_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    sessionToken: string | null;
    csrfToken: string | null;
  }
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.production,
  });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.production,
  });
}

/**
 * Resolves the session cookie of every API request into `request.actor`, and refuses
 * cookie-authenticated writes that do not echo the session's CSRF token in `x-csrf-token`.
 */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  app.decorateRequest('actor', null);
  app.decorateRequest('pendingStage', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.lang = pickLanguage(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(ctx, token, request.ip);
    if (!resolved || resolved.expired) {
      clearSessionCookie(ctx, reply);
      return;
    }
    request.sessionToken = token;
    request.csrfToken = resolved.csrfToken;
    request.actor = resolved.actor;
    request.pendingStage = resolved.pendingStage;
    if (!request.headers['accept-language'] && resolved.actor) request.lang = resolved.actor.lang;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== resolved.csrfToken) {
      throw csrfFailed();
    }
  });
});
