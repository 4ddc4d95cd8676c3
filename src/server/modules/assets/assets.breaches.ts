import type { AssetBadge, AssetBreachView, Ownership } from '../../../contracts/assets';
import { maintainerOf } from '../../../contracts/assets';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { translator } from '../../platform/i18n';
import { decodeCursor, page } from '../../platform/pagination';
import { fileCaseWithin } from '../cases/cases.usecases';
import { notifyUsers } from '../notifications/notifications.usecases';
import type { StaffPlace } from '../users/users.repository';
import { staffAt } from '../users/users.usecases';
import * as repo from './assets.repository';
import { addDays } from './assets.rules';

/**
 * Rules that act (SPEC 5.7): the daily sweep turns each breach of the elevator rules into work. A new
 * breach is a task for the maintainer the asset's ownership names, who is told in the app (and, for a
 * risk assessment due, the owners' committee, who start the renewal through the maintenance fund); an
 * asset that keeps the rule again cures its task; a task still open after ASSET_BREACH_GRACE_DAYS is
 * filed as a case through the case intake, routed by the responsibility list.
 */
export const breachRules: readonly AssetBadge[] = [
  'maintenance_overdue',
  'statutory_overdue',
  'risk_assessment_required',
];

/** The responsibility-list category a breach is filed under (all three rules are elevator rules). */
export const BREACH_CATEGORY = 'equipment.elevator_fault';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'asset.breaches_opened': { after: { breaches: { id: number; assetId: number; rule: string }[] } };
    'asset.breaches_cured': { after: { breaches: { id: number; assetId: number; rule: string }[] } };
    'asset.breach_case_filed': {
      after: { breachId: number; assetId: number; rule: string; caseId: number; caseNumber: string };
    };
  }
}

const system = { userId: null, label: 'job:assets-breach-sweep', ip: null };

export interface MaintainerRef {
  kind: string;
  orgId: number | null;
  departmentId: number | null;
  name: string;
}

/** Who must act on an asset: by its ownership, falling back to the street housing office. */
export function maintainerRefOf(r: repo.BreachCandidate): MaintainerRef {
  const housingOffice = {
    kind: 'housing_office' as const,
    orgId: null,
    departmentId: r.housingOfficeId,
    name: r.housingOffice ?? '',
  };
  switch (maintainerOf[r.a.ownership as Ownership] ?? 'property_company') {
    case 'property_company':
      return r.propertyOrgId && r.propertyName
        ? { kind: 'property_company', orgId: r.propertyOrgId, departmentId: null, name: r.propertyName }
        : housingOffice;
    case 'developer':
      return r.developerOrgId && r.developerName
        ? { kind: 'developer', orgId: r.developerOrgId, departmentId: null, name: r.developerName }
        : housingOffice;
    case 'housing_office':
      return housingOffice;
    case 'utility':
      return { kind: 'utility', orgId: null, departmentId: null, name: r.a.maintainerName ?? '' };
    case 'street_office':
      return {
        kind: 'street_office',
        orgId: null,
        departmentId: r.streetOfficeId,
        name: r.streetOffice ?? '',
      };
  }
}

/**
 * The accounts told of a breach: the maintainer's staff (a company's or developer's accounts; the
 * street's officers for the housing office, the street office and utilities, which have no accounts);
 * when a company has no account, the street. The owners' committee too when a risk assessment is due.
 */
async function recipientsOf(db: Executor, b: repo.BreachRow): Promise<number[]> {
  const street: StaffPlace = { role: 'street', streetId: b.streetId, streetLevel: true };
  let users =
    b.maintainerOrgId !== null
      ? await staffAt(db, [{ role: 'property', organizationId: b.maintainerOrgId }])
      : await staffAt(db, [street]);
  if (!users.length && b.maintainerOrgId !== null) users = await staffAt(db, [street]);
  if (b.rule === 'risk_assessment_required')
    users = [
      ...new Set([
        ...users,
        ...(await staffAt(db, [{ role: 'owners_committee', communityId: b.communityId }])),
      ]),
    ];
  return users;
}

interface SweepClock {
  now?: Date;
}

/** One run of the daily sweep; safe to run twice or on several instances at once. */
export async function sweepAssetBreaches(ctx: AppContext, clock: SweepClock = {}) {
  const now = clock.now ?? new Date();
  const today = shanghaiDate(now);
  const grace = ctx.config.ASSET_BREACH_GRACE_DAYS;
  let opened = 0;
  let cured = 0;

  // 1. cure what is kept again, street by street (each street's audit chain in its transaction)
  for (const rule of breachRules) {
    await ctx.db.transaction(async (tx) => {
      const rows = await repo.cureBreaches(tx, rule, today);
      cured += rows.length;
      for (const streetId of new Set(rows.map((r) => r.streetId)))
        await recordAudit(tx, system, {
          action: 'asset.breaches_cured',
          entityType: 'street',
          entityId: streetId,
          streetId,
          after: {
            breaches: rows
              .filter((r) => r.streetId === streetId)
              .map((r) => ({ id: r.id, assetId: r.assetId, rule: r.rule })),
          },
        });
    });
  }

  // 2. open a task per new breach and tell its maintainer
  for (const rule of breachRules) {
    const candidates = await repo.assetsInBreach(ctx.db, rule, today);
    const byStreet = new Map<number, repo.BreachCandidate[]>();
    for (const c of candidates) byStreet.set(c.a.streetId, [...(byStreet.get(c.a.streetId) ?? []), c]);
    for (const [streetId, list] of byStreet) {
      await ctx.db.transaction(async (tx) => {
        const rows = await repo.insertBreaches(
          tx,
          list.map((c) => {
            const m = maintainerRefOf(c);
            return {
              streetId,
              communityId: c.a.communityId,
              assetId: c.a.id,
              rule,
              openedOn: today,
              escalateOn: addDays(today, grace),
              maintainerKind: m.kind,
              maintainerOrgId: m.orgId,
              maintainerDepartmentId: m.departmentId,
              maintainerName: m.name,
            };
          }),
        );
        if (!rows.length) return;
        opened += rows.length;
        const byAsset = new Map(list.map((c) => [c.a.id, c]));
        const notes = [];
        for (const b of rows) {
          const c = byAsset.get(b.assetId)!;
          for (const userId of await recipientsOf(tx, b))
            notes.push({
              userId,
              streetId,
              kind: 'asset_breach_opened',
              params: {
                title: c.a.name,
                number: c.a.code,
                rule,
                community: c.communityName,
                link: `/assets/${c.a.id}`,
              },
              createdAt: now,
            });
        }
        await notifyUsers(tx, notes);
        await recordAudit(tx, system, {
          action: 'asset.breaches_opened',
          entityType: 'street',
          entityId: streetId,
          streetId,
          after: { breaches: rows.map((r) => ({ id: r.id, assetId: r.assetId, rule: r.rule })) },
        });
      });
    }
  }

  // 3. past the grace period: one case per breach, filed and recorded in one transaction
  let filed = 0;
  for (const { id } of await repo.breachesToEscalate(ctx.db, today)) {
    if (await fileBreachCase(ctx, id, now)) filed++;
  }
  return { opened, cured, filed };
}

async function fileBreachCase(ctx: AppContext, breachId: number, now: Date) {
  const b = await repo.breachById(ctx.db, breachId);
  const asset = b && (await repo.assetById(ctx.db, b.assetId));
  if (!b || !asset || b.caseId !== null) return false;
  const districtId = await repo.districtOfStreet(ctx.db, b.streetId);
  const t = translator('zh-CN');
  const rule = t(`assets:badge.${b.rule}`);
  // the sweep reports as the district's system, with no reporter account (userId 0)
  const actor = new Actor(0, system.label, t('assets:breach.reporter'), [
    {
      role: 'district_admin',
      districtId,
      streetId: null,
      committeeId: null,
      communityId: null,
      departmentId: null,
      organizationId: null,
      unitId: null,
    },
  ]);
  const filed = await fileCaseWithin(
    ctx,
    actor,
    {
      categoryCode: BREACH_CATEGORY,
      communityId: b.communityId,
      assetId: b.assetId,
      title: t('assets:breach.caseTitle', { name: asset.name, rule }).slice(0, 100),
      description: t('assets:breach.caseDescription', {
        name: asset.name,
        code: asset.code,
        rule,
        openedOn: b.openedOn,
        maintainer: b.maintainerName || t('notifications:unknownLead'),
        lastMaintenanceOn: asset.lastMaintenanceOn ?? '—',
        lastStatutoryInspectionOn: asset.lastStatutoryInspectionOn ?? '—',
        installedOn: asset.installedOn ?? '—',
      }),
      channel: 'asset_rule',
      attachments: [],
    },
    { now },
    {
      claim: async (tx) => (await repo.claimBreachForCase(tx, breachId)) !== null,
      filed: async (tx, c) => {
        const after = await repo.setBreachCase(tx, breachId, c, now);
        const users = await recipientsOf(tx, after);
        await notifyUsers(
          tx,
          users.map((userId) => ({
            userId,
            streetId: b.streetId,
            kind: 'asset_breach_case_filed',
            caseId: c.id,
            params: {
              title: asset.name,
              number: c.number,
              rule: b.rule,
              note: c.number,
              community: '',
              link: `/cases/${c.id}`,
            },
            createdAt: now,
          })),
        );
        await recordAudit(tx, system, {
          action: 'asset.breach_case_filed',
          entityType: 'asset',
          entityId: b.assetId,
          streetId: b.streetId,
          after: { breachId, assetId: b.assetId, rule: b.rule, caseId: c.id, caseNumber: c.number },
        });
      },
    },
  );
  return filed !== null;
}

export function presentBreach(r: repo.BreachListRow): AssetBreachView {
  const b = r.b;
  return {
    id: b.id,
    rule: b.rule as AssetBreachView['rule'],
    status: b.status as AssetBreachView['status'],
    asset: {
      id: b.assetId,
      code: r.assetCode,
      name: r.assetName,
      kind: r.assetKind as AssetBreachView['asset']['kind'],
    },
    street: { id: b.streetId, name: r.streetName },
    community: { id: b.communityId, name: r.communityName },
    maintainer: { kind: b.maintainerKind, name: b.maintainerName },
    openedOn: b.openedOn,
    escalateOn: b.escalateOn,
    curedOn: b.curedOn,
    case: b.caseId !== null ? { id: b.caseId, number: b.caseNumber ?? '' } : null,
    // an elevator past 15 years: assessment, then renewal through the maintenance fund (SPEC 5.6)
    renewalPath: b.rule === 'risk_assessment_required',
  };
}

export async function listBreaches(
  ctx: AppContext,
  actor: Actor,
  q: repo.BreachListFilter & { limit: number; cursor?: string },
) {
  const before = decodeCursor<[number]>(q.cursor, ['number']);
  const rows = await repo.listBreaches(ctx.db, actor, q, before?.[0] ?? null);
  const result = page(rows, q.limit, (r) => [r.b.id]);
  return { items: result.items.map(presentBreach), nextCursor: result.nextCursor };
}
