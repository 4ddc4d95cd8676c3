import type { Language } from '../../../contracts/auth';
import type { CaseState } from '../../../contracts/cases';
import type { Urgency } from '../../../contracts/duties';
import type { MyCaseDetail, MyCaseSummary, ResidentHome } from '../../../contracts/resident';
import type { AppContext } from '../../context';
import type { Actor } from '../../platform/access';
import { calendarOf } from '../../platform/calendar/calendar.usecases';
import { AppError } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import { decodeCursor, page } from '../../platform/pagination';
import { isStateChange, PUBLIC_NOTE_ACTIONS } from '../cases/cases.outbox';
import { expectedCompletion } from '../cases/cases.workflow';
import { categoryCache, ruleCache } from '../duties/duties.usecases';
import * as repo from './resident.repository';

/** The resident's homes: each community they belong to, its buildings, and their own unit. */
export async function residentHome(ctx: AppContext, actor: Actor): Promise<ResidentHome> {
  const homes = actor.assignments.filter((a) => a.communityId !== null);
  const ids = [...new Set(homes.map((a) => a.communityId!))];
  const [communities, buildings, units] = await Promise.all([
    repo.homeCommunities(ctx.db, ids),
    repo.buildingsOf(ctx.db, ids),
    repo.unitsById(
      ctx.db,
      homes.map((a) => a.unitId).filter((u): u is number => u !== null),
    ),
  ]);
  return {
    places: communities.map((c) => {
      const unitId = homes.find((a) => a.communityId === c.id && a.unitId !== null)?.unitId;
      const unit = units.find((u) => u.id === unitId);
      return {
        communityId: c.id,
        communityName: c.name,
        streetName: c.streetName,
        address: c.address,
        unit: unit ? { id: unit.id, number: unit.number, buildingId: unit.buildingId } : null,
        buildings: buildings.filter((b) => b.communityId === c.id).map((b) => ({ id: b.id, name: b.name })),
      };
    }),
  };
}

async function summarise(ctx: AppContext, lang: Language, rows: repo.MyCaseRow[]): Promise<MyCaseSummary[]> {
  const [cats, cal, rules] = await Promise.all([categoryCache.get(ctx), calendarOf(ctx), ruleCache.get(ctx)]);
  return rows.map((r) => {
    const c = cats.byCode.get(r.categoryCode);
    const limits = rules.byId.get(r.ruleId)?.limits[r.urgency as Urgency];
    const expected = expectedCompletion(cal, limits, r);
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.state as CaseState,
      category: c ? (lang === 'en-US' ? c.nameEn : c.name) : r.categoryCode,
      community: r.communityName,
      createdAt: r.createdAt.toISOString(),
      expectedAt: expected?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      rated: r.satisfaction !== null,
    };
  });
}

export async function myCases(
  ctx: AppContext,
  actor: Actor,
  lang: Language,
  q: { limit: number; cursor?: string },
) {
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.myCases(ctx.db, actor.userId, q.limit, before?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.id]);
  return { items: await summarise(ctx, lang, result.items), nextCursor: result.nextCursor };
}

/** One of the user's own reports in plain words: what happened, not who inside did it. */
export async function myCase(
  ctx: AppContext,
  actor: Actor,
  lang: Language,
  id: number,
): Promise<MyCaseDetail> {
  const row = await repo.myCase(ctx.db, actor.userId, id);
  if (!row) throw new AppError('not_found', 404, { entity: 'case' });
  const [[summary], events, photos] = await Promise.all([
    summarise(ctx, lang, [row]),
    repo.eventsOf(ctx.db, id),
    repo.photosOf(ctx.db, id, null),
  ]);
  const t = translator(lang);
  const timeline = events
    .filter((e) => isStateChange(e) || e.action === 'rate')
    .map((e) => {
      const data = e.data as { lead?: { name?: string }; complete?: boolean } | null;
      const key = e.action === 'handle' && data?.complete === false ? 'handle_partial' : e.action;
      return {
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        text: t(`progress:action.${key}`, {
          lead: data?.lead?.name ?? '',
          defaultValue: t('progress:action.default'),
        }),
        note: (PUBLIC_NOTE_ACTIONS as readonly string[]).includes(e.action) ? e.note : null,
      };
    });
  return {
    ...summary!,
    description: row.description,
    address: row.address,
    version: row.version,
    timeline,
    photos,
    satisfaction:
      row.satisfaction !== null ? { score: row.satisfaction, comment: row.satisfactionComment } : null,
    canRate: row.state === 'closed' && row.satisfaction === null,
  };
}
