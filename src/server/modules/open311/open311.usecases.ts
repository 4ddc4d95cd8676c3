import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Language } from '../../../contracts/auth';
import { type CaseIntake, caseStates } from '../../../contracts/cases';
import { type Urgency, urgencies } from '../../../contracts/duties';
import { publicStatus } from '../../../contracts/integrations';
import type { AppContext } from '../../context';
import { shanghaiIso } from '../../platform/calendar/calendar';
import { calendarOf } from '../../platform/calendar/calendar.usecases';
import { AppError } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import { referenceData } from '../../platform/refcache';
import { PUBLIC_NOTE_ACTIONS } from '../cases/cases.outbox';
import { reportCase } from '../cases/cases.usecases';
import { expectedCompletion } from '../cases/cases.workflow';
import { categoryCache, ruleCache } from '../duties/duties.usecases';
import type { ApiClientActor } from '../integrations/integrations.actor';
import { scrubPersonalData } from './open311.format';
import * as repo from './open311.repository';

type Params = Record<string, string | undefined>;

const invalid = (field: string, reason: string) =>
  new AppError('open311.invalid_field', 400, { field, reason });

/** Communities by district code (intake by location scans one district's, not the city's). */
export const communityDirectory = referenceData(
  'open311_communities',
  async (db) => {
    const byDistrict = new Map<string, repo.DirectoryCommunity[]>();
    for (const c of await repo.loadCommunityDirectory(db)) {
      const list = byDistrict.get(c.districtCode) ?? [];
      list.push(c);
      byDistrict.set(c.districtCode, list);
    }
    return byDistrict;
  },
  60_000,
);

/** 404 for any jurisdiction but the one served; absent means that one (a single-jurisdiction endpoint). */
export function checkJurisdiction(ctx: AppContext, value: string | undefined) {
  const expected = ctx.config.OPEN311_JURISDICTION_ID;
  if (value !== undefined && value !== '' && value !== expected)
    throw new AppError('open311.jurisdiction_not_found', 404, { id: value, expected });
}

// ---------------------------------------------------------------------------------------------
// services

/** Categories open to Open311: active second-level ones whose current rule lists the channel. */
async function openServices(ctx: AppContext) {
  const [cats, rules] = await Promise.all([categoryCache.get(ctx), ruleCache.get(ctx)]);
  const byCategory = new Map<string, typeof rules.current extends Map<string, infer R> ? R : never>();
  for (const rule of rules.current.values()) {
    const channels = rule.row.channels as string[];
    if (channels.includes('open311') && !byCategory.has(rule.categoryCode))
      byCategory.set(rule.categoryCode, rule);
  }
  return cats.list
    .filter((c) => c.level === 2 && c.active && byCategory.has(c.code))
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    .map((c) => ({
      category: c,
      parent: c.parentCode ? cats.byCode.get(c.parentCode) : undefined,
      rule: byCategory.get(c.code)!,
    }));
}

const nameIn = (lang: Language, c: { name: string; nameEn: string }) =>
  lang === 'en-US' ? c.nameEn : c.name;

export async function listServices(ctx: AppContext, lang: Language) {
  return (await openServices(ctx)).map(({ category, parent, rule }) => ({
    service_code: category.code,
    service_name: nameIn(lang, category),
    description: firstSentence(rule.row.handlingPoints),
    metadata: true,
    type: 'realtime',
    keywords: [parent ? nameIn(lang, parent) : null, lang === 'en-US' ? category.name : category.nameEn]
      .filter(Boolean)
      .join(', '),
    group: parent ? nameIn(lang, parent) : '',
  }));
}

function firstSentence(text: string): string {
  const s = text.split(/(?<=[。.；;])/)[0] ?? text;
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

async function serviceOf(ctx: AppContext, code: string | undefined) {
  if (!code) throw new AppError('open311.service_code_missing', 400);
  const found = (await openServices(ctx)).find((s) => s.category.code === code);
  if (!found) throw new AppError('open311.service_not_found', 404, { code });
  return found;
}

export async function serviceDefinition(ctx: AppContext, lang: Language, code: string) {
  const { rule } = await serviceOf(ctx, code);
  const t = translator(lang);
  const limit = rule.limits[rule.defaultUrgency].handle;
  return {
    service_code: code,
    attributes: [
      {
        variable: false,
        code: 'time_limit',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 1,
        description: t('progress:timeLimit', {
          limit: t(`progress:limit.${limit.unit}`, { n: limit.amount }),
        }),
      },
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: t('progress:urgency'),
        values: urgencies.map((u) => ({ key: u, name: t(`progress:urgencyValue.${u}`) })),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// POST requests

const perKeyWindows = new Map<number, { start: number; count: number }>();

/** A fixed one-minute window per API key (per instance). */
export function checkRate(clientId: number, limit: number, now = Date.now()) {
  const w = perKeyWindows.get(clientId);
  if (!w || now - w.start >= 60_000) {
    perKeyWindows.set(clientId, { start: now, count: 1 });
    return;
  }
  if (++w.count > limit) throw new AppError('rate_limited', 429);
}

const MAX_DISTANCE_M = 1500;

function distanceM(lat1: number, lng1: number, lat2: number, lng2: number) {
  const rad = Math.PI / 180;
  const x = (lng2 - lng1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return 6371000 * Math.sqrt(x * x + y * y);
}

function number(p: Params, field: string, min: number, max: number): number | undefined {
  const v = p[field];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw invalid(field, `${min}..${max}`);
  return n;
}

/** The community a request is about: address_id (community code), else the nearest to lat/long, else named in address_string. */
async function locate(ctx: AppContext, p: Params) {
  const district = ctx.config.OPEN311_JURISDICTION_ID;
  const all = (await communityDirectory.get(ctx)).get(district) ?? [];
  const lat = number(p, 'lat', -90, 90);
  const lng = number(p, 'long', -180, 180);
  if ((lat === undefined) !== (lng === undefined))
    throw invalid(lat === undefined ? 'lat' : 'long', 'lat & long');
  const location = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
  if (p.address_id) {
    const c = all.find((x) => x.code === p.address_id || String(x.id) === p.address_id);
    if (!c) throw new AppError('open311.address_not_found', 400, { field: 'address_id' });
    return { community: c, location };
  }
  if (location) {
    let best: { c: repo.DirectoryCommunity; d: number } | null = null;
    for (const c of all) {
      if (c.lat === null || c.lng === null) continue;
      const d = distanceM(location.lat, location.lng, c.lat, c.lng);
      if (!best || d < best.d) best = { c, d };
    }
    if (!best || best.d > MAX_DISTANCE_M) throw new AppError('open311.location_outside', 400);
    return { community: best.c, location };
  }
  if (p.address_string) {
    const named = all
      .filter((c) => p.address_string!.includes(c.name))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (!named) throw new AppError('open311.address_not_found', 400, { field: 'address_string' });
    return { community: named, location: undefined };
  }
  throw new AppError('open311.location_missing', 400);
}

const emailSchema = z.email().max(200);
const urlSchema = z.url({ protocol: /^https?$/ }).max(500);

function normalisedPhone(raw: string): string {
  const phone = raw.replace(/[\s()]/g, '').replace(/^\+?86-?/, '');
  if (!/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) throw invalid('phone', 'phone number');
  return phone;
}

/** The service notice: who will handle it and by when (the handling deadline). */
async function noticeOf(
  ctx: AppContext,
  lang: Language,
  c: { state: string; stageDueAt: Date | null; ruleId: number; urgency: string; lead: string | null },
) {
  const [cal, rules] = await Promise.all([calendarOf(ctx), ruleCache.get(ctx)]);
  const limits = rules.byId.get(c.ruleId)?.limits[c.urgency as Urgency];
  const due = expectedCompletion(cal, limits, c);
  const t = translator(lang);
  return {
    due,
    notice: due
      ? t('progress:notice', { lead: c.lead ?? '', due: shanghaiIso(due).slice(0, 16).replace('T', ' ') })
      : null,
  };
}

/**
 * Files an Open311 request through the case engine's intake, as the API client (its channel), under
 * a new token (also a `tokens/` key). Personal data the client sends (names, phone, e-mail) is kept
 * with the case only (phone and e-mail encrypted); none of it is ever listed.
 */
export async function createRequest(ctx: AppContext, actor: ApiClientActor, p: Params, lang: Language) {
  checkJurisdiction(ctx, p.jurisdiction_id);
  const { category } = await serviceOf(ctx, p.service_code);
  const { community, location } = await locate(ctx, p);
  if (location && (location.lng < 73 || location.lng > 136 || location.lat < 3 || location.lat > 54))
    throw new AppError('open311.location_outside', 400);
  const urgency = p['attribute[urgency]'];
  if (urgency !== undefined && urgency !== '' && !(urgencies as readonly string[]).includes(urgency))
    throw invalid('attribute[urgency]', urgencies.join(', '));
  const description = (p.description ?? '').trim() || nameIn('zh-CN', category);
  if (description.length > 4000) throw invalid('description', '4000');
  const email = p.email ? p.email.trim() : undefined;
  if (email && !emailSchema.safeParse(email).success) throw invalid('email', 'e-mail address');
  const mediaUrl = p.media_url ? p.media_url.trim() : undefined;
  if (mediaUrl && !urlSchema.safeParse(mediaUrl).success) throw invalid('media_url', 'http(s) URL');
  const name = [p.last_name, p.first_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join('');
  const firstLine = (description.split('\n')[0] ?? '').trim();
  const title = firstLine.length >= 2 ? firstLine.slice(0, 30) : nameIn('zh-CN', category);
  const input: CaseIntake = {
    categoryCode: category.code,
    communityId: community.id,
    title,
    description,
    address: p.address_string?.trim().slice(0, 200) || undefined,
    location,
    urgency: (urgency || undefined) as Urgency | undefined,
    reporterName: name ? name.slice(0, 50) : undefined,
    reporterPhone: p.phone ? normalisedPhone(p.phone) : undefined,
    attachments: [],
  };
  const token = `o311-${randomBytes(12).toString('base64url')}`;
  const outcome = await reportCase(
    ctx,
    actor,
    input,
    undefined,
    {},
    {
      source: actor.client.channel as 'open311',
      ticket: token,
      apiClientId: actor.client.id,
      mediaUrl: mediaUrl ?? null,
      reporterEmail: email ?? null,
    },
  );
  const body = outcome.body as {
    number: string;
    state: string;
    stageDueAt: string | null;
    routing: { rule: { id: number }; lead: { name: string } };
    urgency: string;
  };
  const { notice } = await noticeOf(ctx, lang, {
    state: body.state,
    stageDueAt: body.stageDueAt ? new Date(body.stageDueAt) : null,
    ruleId: body.routing.rule.id,
    urgency: body.urgency,
    lead: body.routing.lead.name,
  });
  return [
    { service_request_id: body.number, service_notice: notice, account_id: p.account_id?.trim() || null },
  ];
}

// ---------------------------------------------------------------------------------------------
// GET requests, request, tokens, updates

const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY = 86_400_000;
const NUMBER = /^[A-Z]{2}\d{8}-\d{6,}$/;
const CODE = /^[a-z][a-z0-9_]{1,39}(\.[a-z][a-z0-9_]{1,39})?$/;

function date(p: Params, field: string): Date | undefined {
  const v = p[field];
  if (v === undefined || v === '') return undefined;
  if (!W3C.test(v)) throw invalid(field, 'W3C datetime, e.g. 2026-01-01T00:00:00+08:00');
  const d = new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v);
  if (Number.isNaN(+d)) throw invalid(field, 'W3C datetime');
  return d;
}

/** start_date/end_date: defaults to the last 90 days; a span of more than 90 days is refused. */
function range(p: Params, now = new Date()) {
  let start = date(p, 'start_date');
  let end = date(p, 'end_date');
  if (!start && !end) {
    end = now;
    start = new Date(+now - 90 * DAY);
  } else if (!end) end = new Date(+start! + 90 * DAY);
  else if (!start) start = new Date(+end - 90 * DAY);
  if (+end! < +start!) throw invalid('end_date', 'before start_date');
  if (+end! - +start! > 90 * DAY) throw new AppError('open311.date_range_too_long', 400);
  return { start: start!, end: end! };
}

/** The `page` / `page_size` extension: pages of at most 1000 (the spec's default cap). */
function paging(p: Params) {
  const page = number(p, 'page', 1, 1_000_000) ?? 1;
  const size = number(p, 'page_size', 1, 1000) ?? 1000;
  if (!Number.isInteger(page)) throw invalid('page', 'whole number');
  if (!Number.isInteger(size)) throw invalid('page_size', 'whole number');
  return { limit: size, offset: (page - 1) * size };
}

function list(p: Params, field: string, pattern: RegExp): string[] | undefined {
  const v = p[field];
  if (v === undefined || v === '') return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) if (!pattern.test(item)) throw invalid(field, item);
  return items;
}

async function presentRequests(ctx: AppContext, lang: Language, rows: Record<string, unknown>[]) {
  const [cats, cal, rules] = await Promise.all([categoryCache.get(ctx), calendarOf(ctx), ruleCache.get(ctx)]);
  return rows.map((r) => {
    const state = r.state as string;
    const status = publicStatus(state);
    const category = cats.byCode.get(r.category_code as string);
    const enforcement = Boolean(r.is_enforcement);
    const limits = rules.byId.get(Number(r.rule_id))?.limits[r.urgency as Urgency];
    const due = expectedCompletion(cal, limits, {
      state,
      stageDueAt: r.stage_due_at ? new Date(r.stage_due_at as string) : null,
    });
    const updated = status === 'closed' && r.closed_at ? r.closed_at : r.updated_at;
    // enforcement cases (illegal building, group renting ...) point at someone's home: no exact place, no text
    const lat = enforcement ? r.community_lat : (r.lat ?? r.community_lat);
    const lng = enforcement ? r.community_lng : (r.lng ?? r.community_lng);
    const address = [enforcement ? null : r.address, r.community_name, r.street_name]
      .filter((x) => typeof x === 'string' && x !== '')
      .join(', ');
    const notes = r.status_notes as string | null;
    return {
      service_request_id: r.number as string,
      status,
      status_notes: notes && !enforcement ? scrubPersonalData(notes) : null,
      service_name: category ? nameIn(lang, category) : (r.category_code as string),
      service_code: r.category_code as string,
      description: enforcement ? null : scrubPersonalData(r.description as string),
      agency_responsible: (r.lead_name ?? r.routed_lead ?? null) as string | null,
      service_notice: null,
      requested_datetime: shanghaiIso(new Date(r.created_at as string)),
      updated_datetime: shanghaiIso(new Date(updated as string)),
      expected_datetime: due ? shanghaiIso(due) : null,
      address,
      address_id: r.community_code as string,
      zipcode: null,
      lat: lat === null ? null : Number(lat),
      long: lng === null ? null : Number(lng),
      media_url: (r.media_url as string | null) ?? null,
    };
  });
}

export async function listRequests(ctx: AppContext, lang: Language, p: Params) {
  checkJurisdiction(ctx, p.jurisdiction_id);
  const numbers = list(p, 'service_request_id', NUMBER);
  // service_request_id overrides every other argument
  const status = numbers
    ? undefined
    : (list(p, 'status', /^(open|closed)$/) as ('open' | 'closed')[] | undefined);
  const serviceCodes = numbers ? undefined : list(p, 'service_code', CODE);
  const { limit, offset } = paging(p);
  const { start, end } = numbers ? { start: undefined, end: undefined } : range(p);
  const rows = await repo.listRequests(ctx.db, {
    districtCode: ctx.config.OPEN311_JURISDICTION_ID,
    numbers,
    serviceCodes,
    status,
    start,
    end,
    limit,
    offset,
  });
  return presentRequests(ctx, lang, rows);
}

export async function getRequest(ctx: AppContext, lang: Language, id: string, p: Params) {
  checkJurisdiction(ctx, p.jurisdiction_id);
  const row = NUMBER.test(id)
    ? await repo.findRequestByNumber(ctx.db, ctx.config.OPEN311_JURISDICTION_ID, id)
    : null;
  if (!row) throw new AppError('open311.request_not_found', 404, { id });
  return presentRequests(ctx, lang, [row]);
}

export async function resolveToken(ctx: AppContext, token: string, p: Params) {
  checkJurisdiction(ctx, p.jurisdiction_id);
  const found = await repo.findToken(ctx.db, ctx.config.OPEN311_JURISDICTION_ID, token);
  if (!found) throw new AppError('open311.token_not_found', 404, { token });
  return [{ service_request_id: found.number, token: found.ticket }];
}

const stateSet = new Set<string>(caseStates);

/** mySociety's `servicerequestupdates`: state changes in a time range, oldest first. */
export async function listUpdates(ctx: AppContext, lang: Language, p: Params) {
  checkJurisdiction(ctx, p.jurisdiction_id);
  const { start, end } = range(p);
  const { limit, offset } = paging(p);
  const rows = await repo.listUpdates(ctx.db, {
    districtCode: ctx.config.OPEN311_JURISDICTION_ID,
    start,
    end,
    limit,
    offset,
  });
  const t = translator(lang);
  return rows.map((r) => {
    const action = r.action as string;
    const toState = r.to_state as string | null;
    const enforcement = Boolean(r.is_enforcement);
    const data = r.data as { lead?: { name?: string }; complete?: boolean } | null;
    const note =
      !enforcement && (PUBLIC_NOTE_ACTIONS as readonly string[]).includes(action) && r.note
        ? scrubPersonalData(r.note as string)
        : null;
    const key = action === 'handle' && data?.complete === false ? 'handle_partial' : action;
    const words = t(`progress:action.${key}`, {
      lead: data?.lead?.name ?? (r.lead_name as string | null) ?? '',
      defaultValue: t('progress:action.default'),
    });
    return {
      update_id: String(r.id),
      service_request_id: r.number as string,
      status: publicStatus(toState && stateSet.has(toState) ? toState : 'reported'),
      updated_datetime: shanghaiIso(new Date(r.at as string)),
      description: note ? `${words}${lang === 'zh-CN' ? '：' : ': '}${note}` : words,
      media_url: '',
    };
  });
}
