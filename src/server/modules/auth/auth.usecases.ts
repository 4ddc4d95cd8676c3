import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Language } from '../../../contracts/auth';
import { passwordProblems } from '../../../contracts/auth';
import { permissionsOf } from '../../../contracts/permissions';
import { type Role, staffRoles } from '../../../contracts/roles';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { Actor } from '../../platform/access';
import { type AuditActor, recordAudit } from '../../platform/audit/audit';
import { hashPassword, randomToken, verifyPassword } from '../../platform/crypto';
import { AppError, fieldError } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import { sendSms } from '../../platform/sms';
import { sessionCache } from './auth.cache';
import {
  accountDisabled,
  accountLocked,
  invalidCode,
  invalidCredentials,
  invalidTotp,
  totpNotPending,
  totpRequiredInProduction,
  usernameTaken,
} from './auth.errors';
import * as repo from './auth.repository';

export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
export const PENDING_MINUTES = 5;

type UserAudit = Omit<repo.UserRow, 'passwordHash' | 'totpSecretEnc'>;
declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'auth.login': { after: { stage: string; method: 'password' | 'sms' } };
    'auth.code_requested': { after: { registered: boolean } };
    'auth.login_failed': { after: { failedLogins: number; lockedUntil: string | null } };
    'auth.logout': { before: null };
    'auth.second_factor': { after: { stage: string } };
    'auth.totp_enabled': { after: { totpEnabled: boolean } };
    'auth.totp_disabled': { after: { totpEnabled: boolean } };
    'auth.password_changed': { after: { passwordChangedAt: string } };
    'user.created': { after: UserAudit & { roles: unknown[] } };
    'user.demo_removed': { before: UserAudit; after: { disabled: boolean } | null };
    'user.preferences': { before: { lang: string }; after: { lang: string } };
  }
}

function publicUser(u: repo.UserRow): UserAudit {
  const { passwordHash: _p, totpSecretEnc: _t, ...rest } = u;
  return rest;
}

export function hashSessionToken(ctx: AppContext, token: string): string {
  return createHmac('sm3', ctx.sessionKey).update(token).digest('hex');
}

// Verifying against a fixed hash when the user does not exist keeps the answer time the same.
let dummyHash: Promise<string> | undefined;

export interface LoginOutcome {
  token: string;
  stage: 'active' | 'totp_required' | 'totp_setup_required';
  csrfToken: string;
  userId: number;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const user = await repo.findUserByUsername(ctx.db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password-1A!');
    await verifyPassword(input.password, await dummyHash);
    throw invalidCredentials();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    throw accountLocked(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000));
  }
  const audit: AuditActor = { userId: user.id, label: user.username, ip: input.ip };
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const failed = user.failedLogins + 1;
    const locked = failed >= LOCKOUT_ATTEMPTS;
    const lockedUntil = locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60000) : null;
    await ctx.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { failedLogins: locked ? 0 : failed, lockedUntil });
      await recordAudit(tx, audit, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        streetId: null,
        after: { failedLogins: failed, lockedUntil: lockedUntil?.toISOString() ?? null },
      });
    });
    if (locked) throw accountLocked(LOCKOUT_MINUTES);
    throw invalidCredentials();
  }
  if (user.status !== 'active') throw accountDisabled();

  const roles = await repo.roleAssignmentsOf(ctx.db, user.id);
  const isStaff = roles.some((r) => staffRoles.includes(r.role as Role));
  const stage: LoginOutcome['stage'] = user.totpEnabled
    ? 'totp_required'
    : ctx.config.production && isStaff
      ? 'totp_setup_required'
      : 'active';
  return openSession(ctx, user, stage, { ip: input.ip, userAgent: input.userAgent, method: 'password' });
}

async function openSession(
  ctx: AppContext,
  user: repo.UserRow,
  stage: LoginOutcome['stage'],
  from: { ip: string | null; userAgent: string | null; method: 'password' | 'sms' },
): Promise<LoginOutcome> {
  const now = new Date();
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt =
    stage === 'active'
      ? new Date(now.getTime() + ABSOLUTE_HOURS * 3600_000)
      : new Date(now.getTime() + PENDING_MINUTES * 60_000);
  await ctx.db.transaction(async (tx) => {
    if (user.failedLogins > 0 || user.lockedUntil) {
      await repo.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null });
    }
    await repo.insertSession(tx, {
      tokenHash: hashSessionToken(ctx, token),
      userId: user.id,
      stage,
      csrfToken,
      expiresAt,
      ip: from.ip,
      userAgent: from.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      tx,
      { userId: user.id, label: user.username, ip: from.ip },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        streetId: null,
        after: { stage, method: from.method },
      },
    );
  });
  return { token, stage, csrfToken, userId: user.id };
}

export const CODE_MINUTES = 5;
export const CODE_ATTEMPTS = 5;
export const CODE_INTERVAL_SECONDS = 60;

/** Mainland mobile numbers, with or without +86 and separators. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

function codeHash(ctx: AppContext, phoneIndex: string, code: string): string {
  return createHmac('sm3', ctx.sessionKey).update(`${phoneIndex}:${code}`).digest('hex');
}

/**
 * Sends a 6-digit sign-in code to a resident's phone (5 minutes, 5 attempts, one per minute).
 * The answer is the same whether the number belongs to a resident or not; in demo mode without
 * an SMS gateway the code is also returned so the demo can be used.
 */
export async function requestLoginCode(ctx: AppContext, rawPhone: string, ip: string | null, lang: Language) {
  const phone = normalizePhone(rawPhone);
  if (!phone) throw fieldError('body.phone', 'mobile_phone');
  const phoneIndex = ctx.cipher.index(phone);
  if (await repo.recentLoginCode(ctx.db, phoneIndex, CODE_INTERVAL_SECONDS))
    throw new AppError('auth.code_too_soon', 429, { seconds: CODE_INTERVAL_SECONDS });
  const resident = await repo.residentUserByPhoneIndex(ctx.db, phoneIndex);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction(async (tx) => {
    await repo.insertLoginCode(tx, {
      phoneIndex,
      codeHash: codeHash(ctx, phoneIndex, code),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    });
    await recordAudit(
      tx,
      { userId: resident?.id ?? null, label: resident?.username ?? 'anonymous', ip },
      {
        action: 'auth.code_requested',
        entityType: 'phone',
        entityId: phoneIndex.slice(0, 16),
        streetId: null,
        after: { registered: Boolean(resident) },
      },
    );
  });
  let via: 'gateway' | 'demo' | 'none' = 'none';
  if (resident)
    via = (
      await sendSms(ctx.config, phone, translator(lang)('auth:sms.code', { code, minutes: CODE_MINUTES }))
    ).via;
  return { sent: true as const, demoCode: !ctx.config.production && via !== 'gateway' ? code : undefined };
}

/** Signs a resident in with the code sent to their phone. */
export async function loginWithCode(
  ctx: AppContext,
  input: { phone: string; code: string; ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw fieldError('body.phone', 'mobile_phone');
  const phoneIndex = ctx.cipher.index(phone);
  const pending = await repo.latestLoginCode(ctx.db, phoneIndex);
  if (!pending || pending.expiresAt.getTime() <= Date.now() || pending.attempts >= CODE_ATTEMPTS)
    throw invalidCode();
  const given = Buffer.from(codeHash(ctx, phoneIndex, input.code));
  const expected = Buffer.from(pending.codeHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    await repo.countLoginCodeAttempt(ctx.db, pending.id);
    throw invalidCode();
  }
  await repo.consumeLoginCode(ctx.db, pending.id);
  const user = await repo.residentUserByPhoneIndex(ctx.db, phoneIndex);
  if (!user) throw invalidCode();
  if (user.status !== 'active') throw accountDisabled();
  return openSession(ctx, user, 'active', { ip: input.ip, userAgent: input.userAgent, method: 'sms' });
}

export interface ResolvedSession {
  actor: Actor | null;
  pendingStage: string | null;
  csrfToken: string;
  expired: boolean;
}

/** Turns a session cookie into the actor, applying idle (30 min) and absolute (12 h) timeouts. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  ip: string | null,
): Promise<ResolvedSession | null> {
  const tokenHash = hashSessionToken(ctx, token);
  const cache = sessionCache(ctx);
  const s = cache.get(tokenHash) ?? (await repo.loadSession(ctx.db, tokenHash));
  if (!s) return null;
  const now = Date.now();
  if (
    s.expiresAt.getTime() <= now ||
    s.lastSeenAt.getTime() + IDLE_MINUTES * 60_000 <= now ||
    s.status !== 'active'
  ) {
    cache.forget(tokenHash);
    await repo.deleteSession(ctx.db, tokenHash);
    return { actor: null, pendingStage: null, csrfToken: '', expired: true };
  }
  cache.set(tokenHash, s);
  if (s.stage !== 'active')
    return { actor: null, pendingStage: s.stage, csrfToken: s.csrfToken, expired: false };
  const actor = new Actor(s.userId, s.username, s.displayName, s.roles, s.lang as Language, ip);
  return { actor, pendingStage: null, csrfToken: s.csrfToken, expired: false };
}

export async function logout(ctx: AppContext, token: string, actor: AuditActor | null): Promise<void> {
  const tokenHash = hashSessionToken(ctx, token);
  sessionCache(ctx).forget(tokenHash);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    if (actor?.userId) {
      await recordAudit(tx, actor, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
        streetId: null,
      });
    }
  });
}

async function userOfSession(ctx: AppContext, token: string) {
  const s = await repo.loadSession(ctx.db, hashSessionToken(ctx, token));
  if (!s || s.expiresAt.getTime() <= Date.now()) throw new AppError('auth.unauthenticated', 401);
  const user = await repo.findUserById(ctx.db, s.userId);
  if (!user) throw new AppError('auth.unauthenticated', 401);
  return { session: s, user };
}

function totpFor(username: string, secret: OTPAuth.Secret) {
  return new OTPAuth.TOTP({
    issuer: 'Anju 安居',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret,
  });
}

/** Checks a code, refusing one whose time step was already used (no replay). */
function checkTotp(ctx: AppContext, user: repo.UserRow, code: string): number {
  if (!user.totpSecretEnc) throw invalidTotp();
  const secret = OTPAuth.Secret.fromBase32(ctx.cipher.decrypt(user.totpSecretEnc));
  const totp = totpFor(user.username, secret);
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) throw invalidTotp();
  const step = Math.floor(Date.now() / 30_000) + delta;
  if (user.totpLastStep !== null && step <= user.totpLastStep) throw invalidTotp();
  return step;
}

/** Second step of a login for a user with TOTP enabled. */
export async function verifySecondFactor(ctx: AppContext, token: string, code: string, ip: string | null) {
  const { session, user } = await userOfSession(ctx, token);
  if (session.stage !== 'totp_required') throw totpNotPending();
  const step = checkTotp(ctx, user, code);
  await activateSession(ctx, token, user, step, ip, 'auth.second_factor');
}

async function activateSession(
  ctx: AppContext,
  token: string,
  user: repo.UserRow,
  step: number,
  ip: string | null,
  action: 'auth.second_factor' | 'auth.totp_enabled',
) {
  const tokenHash = hashSessionToken(ctx, token);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      totpLastStep: step,
      ...(action === 'auth.totp_enabled' ? { totpEnabled: true } : {}),
    });
    // the absolute lifetime starts when the session becomes usable
    await repo.activateSession(tx, tokenHash, ABSOLUTE_HOURS);
    sessionCache(ctx).forget(tokenHash);
    const audit = { userId: user.id, label: user.username, ip };
    if (action === 'auth.totp_enabled') {
      await recordAudit(tx, audit, {
        action,
        entityType: 'user',
        entityId: user.id,
        streetId: null,
        after: { totpEnabled: true },
      });
    } else {
      await recordAudit(tx, audit, {
        action,
        entityType: 'user',
        entityId: user.id,
        streetId: null,
        after: { stage: 'active' },
      });
    }
  });
}

/** Starts TOTP enrolment: a new secret, shown once as a QR code and text. */
export async function setupTotp(ctx: AppContext, token: string) {
  const { session, user } = await userOfSession(ctx, token);
  if (session.stage === 'totp_required') throw totpNotPending();
  if (user.totpEnabled) throw new AppError('auth.totp_already_enabled', 409);
  const secret = new OTPAuth.Secret({ size: 20 });
  await repo.updateUser(ctx.db, user.id, { totpSecretEnc: ctx.cipher.encrypt(secret.base32) });
  const uri = totpFor(user.username, secret).toString();
  return { secret: secret.base32, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** Confirms enrolment with a first code; a session waiting for enrolment becomes active. */
export async function enableTotp(ctx: AppContext, token: string, code: string, ip: string | null) {
  const { session, user } = await userOfSession(ctx, token);
  if (session.stage === 'totp_required') throw totpNotPending();
  if (user.totpEnabled) throw new AppError('auth.totp_already_enabled', 409);
  const step = checkTotp(ctx, user, code);
  await activateSession(ctx, token, user, step, ip, 'auth.totp_enabled');
}

export async function disableTotp(ctx: AppContext, actor: Actor, code: string) {
  if (ctx.config.production) throw totpRequiredInProduction();
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.totpEnabled) throw new AppError('auth.totp_not_enabled', 409);
  const step = checkTotp(ctx, user, code);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { totpEnabled: false, totpSecretEnc: null, totpLastStep: step });
    await recordAudit(tx, actor.audit, {
      action: 'auth.totp_disabled',
      entityType: 'user',
      entityId: user.id,
      streetId: null,
      after: { totpEnabled: false },
    });
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  token: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw fieldError('body.currentPassword', 'wrong_password');
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length) throw fieldError('body.newPassword', `password.${problems[0]}`);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateUser(tx, user.id, {
      passwordHash,
      passwordChangedAt: new Date(),
      isDemo: false,
    });
    // every other session of this user ends with the old password
    await repo.deleteSessionsOfUser(tx, user.id, hashSessionToken(ctx, token));
    forgetUserSessions(ctx, user.id);
    await recordAudit(tx, actor.audit, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.id,
      streetId: null,
      after: { passwordChangedAt: updated.passwordChangedAt.toISOString() },
    });
  });
}

export async function setLanguage(ctx: AppContext, actor: Actor, lang: Language) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || user.lang === lang) return;
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { lang });
    forgetUserSessions(ctx, user.id);
    await recordAudit(tx, actor.audit, {
      action: 'user.preferences',
      entityType: 'user',
      entityId: user.id,
      streetId: null,
      before: { lang: user.lang },
      after: { lang },
    });
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  isDemo?: boolean;
  personId?: number | null;
  roles: Omit<Parameters<typeof repo.insertRoleAssignments>[1][number], 'userId'>[];
  /** demo accounts keep the short demo password; everyone else must meet the rule */
  skipPasswordRule?: boolean;
}

/** Creates an account with its roles. Used by the CLI, the demo seed and user administration. */
export async function createUser(db: Executor, audit: AuditActor, input: NewUser) {
  if (!/^[a-z0-9_.-]{2,64}$/i.test(input.username)) throw fieldError('body.username', 'username_format');
  if (!input.skipPasswordRule) {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length) throw fieldError('body.password', `password.${problems[0]}`);
  }
  if (await repo.findUserByUsername(db, input.username)) throw usernameTaken();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      isDemo: input.isDemo ?? false,
      personId: input.personId ?? null,
    });
    const roles = input.roles.map((r) => ({ ...r, userId: user.id }));
    await repo.insertRoleAssignments(tx, roles);
    await recordAudit(tx, audit, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      streetId: null,
      after: { ...publicUser(user), roles },
    });
    return user;
  });
}

/**
 * Removes the demo accounts (is_demo), so that production mode may start: each is deleted with its
 * roles and sessions, or, when other records refer to it, disabled for good and no longer marked
 * as demo. Their person records go too when nothing else refers to them. One audit row each.
 */
export async function removeDemoAccounts(db: Executor, audit: AuditActor) {
  return db.transaction(async (tx) => {
    const demo = await repo.demoUsers(tx);
    const removed: { username: string; disabled: boolean }[] = [];
    for (const user of demo) {
      const deleted = await repo.tryDeleteUser(tx, user.id);
      if (!deleted) await repo.disableDemoUser(tx, user.id);
      await recordAudit(tx, audit, {
        action: 'user.demo_removed',
        entityType: 'user',
        entityId: user.id,
        streetId: null,
        before: publicUser(user),
        after: deleted ? null : { disabled: true },
      });
      removed.push({ username: user.username, disabled: !deleted });
    }
    await repo.deleteUnreferencedPersons(
      tx,
      demo.map((u) => u.personId).filter((id): id is number => id !== null),
    );
    return removed;
  });
}

export async function sessionView(ctx: AppContext, actor: Actor, csrfToken: string) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  const places = await repo.assignmentPlaces(ctx.db, [actor.userId]);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      lang: (user?.lang ?? 'zh-CN') as Language,
      totpEnabled: user?.totpEnabled ?? false,
    },
    roles: places.map((p) => ({
      role: p.role as Role,
      place: p.place_id !== null ? { level: p.level, id: p.place_id, name: p.name ?? '' } : null,
    })),
    permissions: permissionsOf(actor.roles),
    csrfToken,
    mode: ctx.config.ANJU_MODE,
  };
}

/** Drops a user's cached sessions in this process (after their account or password changed). */
export function forgetUserSessions(ctx: AppContext, userId: number) {
  sessionCache(ctx).forgetUser(userId);
}
