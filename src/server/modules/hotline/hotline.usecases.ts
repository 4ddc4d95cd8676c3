import type { z } from 'zod';
import type { Language } from '../../../contracts/auth';
import type { CaseIntake } from '../../../contracts/cases';
import { urgencies } from '../../../contracts/duties';
import {
  type HotlineChannel,
  type HotlineImportReport,
  type HotlineTicket,
  hotlineTicket,
  type TicketError,
} from '../../../contracts/integrations';
import { resources } from '../../../contracts/locales';
import type { AppContext } from '../../context';
import { type Actor, assertCan } from '../../platform/access';
import { AppError, type FieldError } from '../../platform/errors';
import { readExcelRows } from '../../platform/excel';
import { translator } from '../../platform/i18n';
import { clientTransaction } from '../cases/cases.repository';
import { type PreparedIntake, prepareIntake, type WrittenIntake, writeIntake } from '../cases/cases.usecases';
import { caseNumber } from '../cases/cases.workflow';
import { categoryCache } from '../duties/duties.usecases';
import { ApiClientActor } from '../integrations/integrations.actor';
import { communityDirectory } from '../open311/open311.usecases';

const FIELD_OF: Record<string, string> = { communityId: 'community', categoryCode: 'categoryCode' };

function fieldMessage(t: ReturnType<typeof translator>, f: FieldError) {
  return t(`errors:${f.messageKey}`, { ...f.params, defaultValue: t('errors:field.invalid') });
}

/**
 * Files a batch of hotline tickets through the case engine's intake, all or nothing: every ticket
 * is checked first (its fields, its community and category, the caller's place); with any error
 * nothing is written and the report names each row and field. Otherwise all are written in one
 * transaction; a ticket number filed before makes no second case (`existing`), so importing the
 * same tickets again creates nothing new.
 */
export async function fileTickets(
  ctx: AppContext,
  actor: Actor,
  source: HotlineChannel,
  raw: unknown[],
  lang: Language,
  rowOf: (index: number) => number = (i) => i,
): Promise<HotlineImportReport> {
  assertCan(actor, 'cases.report');
  const t = translator(lang);
  const errors: TicketError[] = [];
  const prepared: { ticket: HotlineTicket; p: PreparedIntake }[] = [];
  const seen = new Map<string, number>();
  const district = ctx.config.OPEN311_JURISDICTION_ID;
  const communities = (await communityDirectory.get(ctx)).get(district) ?? [];
  for (const [i, item] of raw.entries()) {
    const row = rowOf(i);
    const ticketNumber =
      item &&
      typeof item === 'object' &&
      typeof (item as { ticketNumber?: unknown }).ticketNumber === 'string'
        ? ((item as { ticketNumber: string }).ticketNumber as string).trim()
        : null;
    const parsed = hotlineTicket.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const own = /^[a-z_]+$/.test(issue.message) ? issue.message : null;
        const code = own ?? issue.code;
        errors.push({
          row,
          ticketNumber,
          field: issue.path.join('.') || 'ticket',
          code,
          message: t(`errors:field.${code}`, { defaultValue: t('errors:field.invalid') }),
        });
      }
      continue;
    }
    const ticket = parsed.data;
    const first = seen.get(ticket.ticketNumber);
    if (first !== undefined) {
      errors.push({
        row,
        ticketNumber: ticket.ticketNumber,
        field: 'ticketNumber',
        code: 'duplicate_ticket',
        message: t('errors:field.duplicate_ticket'),
      });
      continue;
    }
    seen.set(ticket.ticketNumber, row);
    const c = ticket.community;
    const community =
      typeof c === 'number'
        ? communities.find((x) => x.id === c)
        : communities.find((x) => x.code === c || x.name === c);
    const input: CaseIntake = {
      categoryCode: ticket.categoryCode,
      communityId: community?.id ?? 0,
      title: ticket.title,
      description: ticket.description,
      address: ticket.address,
      urgency: ticket.urgency,
      channel: source,
      reporterName: ticket.reporterName,
      reporterPhone: ticket.reporterPhone,
      attachments: [],
    };
    try {
      if (!community)
        throw new AppError('validation.failed', 400, {}, [
          { path: 'body.communityId', code: 'unknown_community', messageKey: 'field.unknown_community' },
        ]);
      const p = await prepareIntake(
        ctx,
        actor,
        input,
        {},
        {
          source,
          ticket: ticket.ticketNumber,
          apiClientId: actor instanceof ApiClientActor ? actor.client.id : null,
        },
      );
      prepared.push({ ticket, p });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const fieldErrors = err.fieldErrors?.length
        ? err.fieldErrors
        : [{ path: 'body.ticket', code: err.code, messageKey: err.code, params: err.params }];
      for (const f of fieldErrors) {
        const name = f.path.replace(/^body\./, '');
        errors.push({
          row,
          ticketNumber: ticket.ticketNumber,
          field: FIELD_OF[name] ?? name,
          code: f.code,
          message: f.messageKey.startsWith('field.')
            ? fieldMessage(t, f)
            : t(`errors:${f.messageKey}`, f.params ?? {}),
        });
      }
    }
  }
  if (errors.length || !raw.length)
    return { ok: false, rows: raw.length, created: 0, existing: 0, results: [], errors };

  // one transaction; streets in order, so concurrent imports lock audit chains in the same order
  const ordered = [...prepared].sort((a, b) => a.p.row.streetId - b.p.row.streetId);
  const written = await clientTransaction(ctx.database.pool, async (client, tx) => {
    const out = new Map<string, WrittenIntake>();
    for (const { ticket, p } of ordered)
      out.set(ticket.ticketNumber, await writeIntake(ctx, client, tx, p, undefined));
    return out;
  });
  const existingNumbers = await numbersOf(
    ctx,
    [...written.values()].filter((w) => !w.created).map((w) => w.id),
  );
  const results = prepared.map(({ ticket, p }) => {
    const w = written.get(ticket.ticketNumber)!;
    return {
      ticketNumber: ticket.ticketNumber,
      status: w.created ? ('created' as const) : ('existing' as const),
      caseId: w.id,
      caseNumber: w.created ? caseNumber(w.id, p.now) : (existingNumbers.get(w.id) ?? ''),
    };
  });
  return {
    ok: true,
    rows: raw.length,
    created: results.filter((r) => r.status === 'created').length,
    existing: results.filter((r) => r.status === 'existing').length,
    results,
    errors: [],
  };
}

async function numbersOf(ctx: AppContext, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const r = await ctx.database.pool.query<{ id: string; number: string }>(
    'select id, number from case_record where id = any($1::bigint[])',
    [ids],
  );
  return new Map(r.rows.map((x) => [Number(x.id), x.number]));
}

/** Column headers in either language → field names. */
function headerMap(): Map<string, keyof (typeof resources)['zh-CN']['hotline']['columns']> {
  const map = new Map<string, keyof (typeof resources)['zh-CN']['hotline']['columns']>();
  for (const lang of ['zh-CN', 'en-US'] as const) {
    for (const [key, label] of Object.entries(resources[lang].hotline.columns))
      map.set(label.toLowerCase(), key as keyof (typeof resources)['zh-CN']['hotline']['columns']);
  }
  for (const key of Object.keys(resources['zh-CN'].hotline.columns))
    map.set(key.toLowerCase(), key as keyof (typeof resources)['zh-CN']['hotline']['columns']);
  return map;
}

/**
 * Imports an Excel workbook of hotline tickets (the template's columns, headers in Chinese or
 * English): categories by code or name, communities by name or code, urgency by key or word.
 */
export async function importTicketWorkbook(
  ctx: AppContext,
  actor: Actor,
  source: HotlineChannel,
  file: Buffer,
  lang: Language,
) {
  assertCan(actor, 'hotline.import');
  let rows: Awaited<ReturnType<typeof readExcelRows>>;
  try {
    rows = await readExcelRows(file);
  } catch {
    throw new AppError('hotline.import_file', 400);
  }
  if (!rows.length) throw new AppError('hotline.import_empty', 400);
  const headers = headerMap();
  const cats = await categoryCache.get(ctx);
  const urgencyWords = new Map<string, string>();
  for (const lang of ['zh-CN', 'en-US'] as const)
    for (const [k, v] of Object.entries(resources[lang].hotline.urgency))
      urgencyWords.set(v.toLowerCase(), k);
  for (const u of urgencies) urgencyWords.set(u, u);
  const tickets = rows.map(({ values }) => {
    const f: Record<string, string> = {};
    for (const [header, value] of Object.entries(values)) {
      const key = headers.get(header.trim().toLowerCase());
      if (key && value !== '') f[key] = value;
    }
    const category = f.category
      ? (cats.list.find(
          (c) => c.level === 2 && (c.code === f.category || c.name === f.category || c.nameEn === f.category),
        )?.code ?? f.category)
      : undefined;
    return {
      ticketNumber: f.ticketNumber,
      categoryCode: category,
      community: f.community,
      title: f.title,
      description: f.description,
      address: f.address,
      reporterName: f.reporterName,
      reporterPhone: f.reporterPhone?.replace(/\s/g, ''),
      urgency: f.urgency ? (urgencyWords.get(f.urgency.toLowerCase()) ?? f.urgency) : undefined,
    };
  });
  const clean = tickets.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)));
  return fileTickets(ctx, actor, source, clean, lang, (i) => rows[i]!.rowNumber);
}

export type HotlineBatch = z.infer<typeof hotlineTicket>;
