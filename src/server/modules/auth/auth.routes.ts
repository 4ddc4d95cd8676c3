import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBody,
  loginBody,
  loginResult,
  phoneCodeLogin,
  phoneCodeRequest,
  phoneCodeSent,
  preferencesBody,
  sessionView as sessionViewSchema,
  totpCodeBody,
} from '../../../contracts/auth';
import { okResult } from '../../../contracts/common';
import type { AppContext } from '../../context';
import { actorOf } from '../../platform/access';
import { unauthenticated } from '../../platform/errors';
import { clearSessionCookie, setSessionCookie } from './auth.session';
import * as auth from './auth.usecases';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with user name and password',
        body: loginBody,
        response: { 200: loginResult },
      },
      // per address and user name, counted after the body is parsed; lockout (5 failures) guards each account
      config: {
        rateLimit: {
          hook: 'preHandler',
          max: 20,
          timeWindow: '1 minute',
          keyGenerator: (r) => `${r.ip}|${(r.body as { username?: string } | undefined)?.username ?? ''}`,
        },
      },
    },
    async (request, reply) => {
      const outcome = await auth.login(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(ctx, reply, outcome.token);
      if (outcome.stage !== 'active') return { stage: outcome.stage, csrfToken: outcome.csrfToken };
      const resolved = await auth.resolveSession(ctx, outcome.token, request.ip);
      return {
        stage: 'active' as const,
        ...(await auth.sessionView(ctx, resolved!.actor!, outcome.csrfToken)),
      };
    },
  );

  app.post(
    '/auth/code',
    {
      schema: {
        tags,
        summary: 'Send a one-time sign-in code to a resident’s phone',
        description:
          'Answers the same whether or not the number belongs to a resident. `demoCode` only in demo mode without an SMS gateway.',
        body: phoneCodeRequest,
        response: { 200: phoneCodeSent },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => auth.requestLoginCode(ctx, request.body.phone, request.ip, request.lang),
  );

  app.post(
    '/auth/code/login',
    {
      schema: {
        tags,
        summary: 'Sign a resident in with the code sent to their phone',
        body: phoneCodeLogin,
        response: { 200: loginResult },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const outcome = await auth.loginWithCode(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(ctx, reply, outcome.token);
      const resolved = await auth.resolveSession(ctx, outcome.token, request.ip);
      return {
        stage: 'active' as const,
        ...(await auth.sessionView(ctx, resolved!.actor!, outcome.csrfToken)),
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 200: okResult } } },
    async (request, reply) => {
      if (request.sessionToken) await auth.logout(ctx, request.sessionToken, request.actor?.audit ?? null);
      clearSessionCookie(ctx, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in user, roles and permissions',
        response: { 200: sessionViewSchema },
      },
    },
    async (request) => auth.sessionView(ctx, actorOf(request), request.csrfToken ?? ''),
  );

  app.post(
    '/auth/totp/verify',
    {
      schema: {
        tags,
        summary: 'Second login step: a TOTP code',
        body: totpCodeBody,
        response: { 200: sessionViewSchema },
      },
    },
    async (request) => {
      if (!request.sessionToken) throw unauthenticated();
      await auth.verifySecondFactor(ctx, request.sessionToken, request.body.code, request.ip);
      const resolved = await auth.resolveSession(ctx, request.sessionToken, request.ip);
      return auth.sessionView(ctx, resolved!.actor!, resolved!.csrfToken);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start TOTP enrolment',
        response: { 200: z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() }) },
      },
    },
    async (request) => {
      if (!request.sessionToken) throw unauthenticated();
      return auth.setupTotp(ctx, request.sessionToken);
    },
  );

  app.post(
    '/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm TOTP enrolment with a first code',
        body: totpCodeBody,
        response: { 200: sessionViewSchema },
      },
    },
    async (request) => {
      if (!request.sessionToken) throw unauthenticated();
      await auth.enableTotp(ctx, request.sessionToken, request.body.code, request.ip);
      const resolved = await auth.resolveSession(ctx, request.sessionToken, request.ip);
      return auth.sessionView(ctx, resolved!.actor!, resolved!.csrfToken);
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn TOTP off (not in production)',
        body: totpCodeBody,
        response: { 200: okResult },
      },
    },
    async (request) => {
      await auth.disableTotp(ctx, actorOf(request), request.body.code);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: { tags, summary: 'Change the password', body: changePasswordBody, response: { 200: okResult } },
    },
    async (request) => {
      await auth.changePassword(ctx, actorOf(request), request.sessionToken ?? '', request.body);
      return { ok: true as const };
    },
  );

  app.put(
    '/auth/preferences',
    {
      schema: {
        tags,
        summary: 'Save the interface language',
        body: preferencesBody,
        response: { 200: okResult },
      },
    },
    async (request) => {
      await auth.setLanguage(ctx, actorOf(request), request.body.lang);
      return { ok: true as const };
    },
  );
};
