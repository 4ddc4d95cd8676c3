import {
  type BallotChoice,
  type CreateVoteBody,
  type MatterType,
  MIN_PUBLICITY_DAYS,
  type PaperBallotBody,
  type RecordHeldVoteBody,
  type RuleSet,
  requirementFor,
  ruleSetOn,
  type VoteListQuery,
} from '../../../contracts/votes';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { addDays, shanghaiDate } from '../../platform/dates';
import { fieldError, versionConflict } from '../../platform/errors';
import { attachableFile, publishFiles } from '../../platform/files/files';
import { decodeCursor, page } from '../../platform/pagination';
import { communityNotFound } from '../owners/owners.errors';
import * as owners from '../owners/owners.repository';
import { myUnits, publishDisclosure } from '../owners/owners.usecases';
import * as err from './votes.errors';
import { voteAbilities } from './votes.policy';
import { presentVoteSummary, storedResult } from './votes.presenter';
import * as repo from './votes.repository';
import type { VoteRow } from './votes.table';
import { ownerKeyOf, type RollEntry, tallyVote } from './votes.tally';

declare module '../../platform/audit/audit' {
  interface AuditEvents {
    'vote.created': { after: VoteRow };
    'vote.cancelled': { before: VoteRow; after: VoteRow };
    'vote.opened': {
      before: VoteRow;
      after: VoteRow & { roll: { units: number; area: string; owners: number } };
    };
    'vote.ballot_cast': { after: Record<string, unknown> };
    'vote.closed': { before: VoteRow; after: VoteRow };
    'vote.recorded': {
      after: VoteRow & { roll: { units: number }; ballots: RecordHeldVoteBody['ballots'] };
    };
  }
}

const idCursor = (cursor: string | undefined) => decodeCursor<[number]>(cursor, ['number'])?.[0] ?? null;
const hundredths = (area: string) => BigInt(area.replace('.', ''));

export async function listVotes(ctx: AppContext, actor: Actor, q: VoteListQuery) {
  const after = idCursor(q.cursor);
  const [rows, total] = await Promise.all([
    repo.listVotes(ctx.db, actor, q, after),
    after === null ? repo.countVotes(ctx.db, actor, q) : Promise.resolve(-1),
  ]);
  const result = page(rows, q.limit, (r) => [r.vote.id]);
  return { items: result.items.map(presentVoteSummary), nextCursor: result.nextCursor, total };
}

export async function* iterateVotes(
  ctx: AppContext,
  actor: Actor,
  q: Omit<VoteListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  for (;;) {
    const p = await listVotes(ctx, actor, { ...q, limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

/** The caller's units on the roll and what they did with them (residents; empty for staff). */
async function myBallots(ctx: AppContext, actor: Actor, row: repo.VoteListRow, now: Date) {
  if (!actor.hasRole('resident')) return [];
  const { personId, units } = await myUnits(ctx, actor);
  const entries = await repo.votesOfUnits(
    ctx.db,
    units.map((u) => u.unitId),
    [row.vote.status],
  );
  return entries
    .filter((e) => e.voteId === row.vote.id)
    .map((e) => ({
      unitId: e.roll.unitId,
      unitLabel: `${e.roll.buildingName}${e.roll.unitNumber}`,
      choice: (e.ballot?.choice ?? null) as BallotChoice | null,
      channel: (e.ballot?.channel ?? null) as 'online' | 'paper' | null,
      castAt: e.ballot?.castAt.toISOString() ?? null,
      canCast:
        row.vote.status === 'open' &&
        row.vote.closesAt > now &&
        !e.ballot &&
        personId !== null &&
        e.roll.ownerPersonIds.includes(personId),
    }));
}

/** The vote's steps in order; a recorded one: the assembly, its ballot period, then its recording. */
function historyOf(v: VoteRow) {
  type Event = 'created' | 'assembly' | 'opened' | 'closed' | 'recorded';
  const events: { event: Event; at: string }[] = [];
  if (v.recordedAt && v.assemblyOn) {
    if (v.openedOn) events.push({ event: 'opened', at: v.openedOn });
    events.push({ event: 'assembly', at: v.assemblyOn });
    if (v.closedAt) events.push({ event: 'closed', at: shanghaiDate(v.closedAt) });
    events.push({ event: 'recorded', at: v.recordedAt.toISOString() });
    return events;
  }
  events.push({ event: 'created', at: v.createdAt.toISOString() });
  if (v.openedAt) events.push({ event: 'opened', at: v.openedAt.toISOString() });
  if (v.closedAt) events.push({ event: 'closed', at: v.closedAt.toISOString() });
  return events;
}

export async function getVote(ctx: AppContext, actor: Actor, id: number, now = new Date()) {
  const row = await repo.findVote(ctx.db, actor, 'votes.read', id);
  if (!row) throw err.voteNotFound();
  const v = row.vote;
  const ruleSet = (v.ruleSet as RuleSet | null) ?? ruleSetOn(shanghaiDate(now));
  return {
    ...presentVoteSummary(row),
    description: v.description,
    buildings: row.buildings,
    documents: row.documents,
    requirement: requirementFor(ruleSet, v.matterType as MatterType),
    result: v.status === 'closed' ? storedResult(row) : null,
    myUnits: await myBallots(ctx, actor, row, now),
    history: historyOf(v),
    version: v.version,
    abilities: voteAbilities(actor, {
      streetId: v.streetId,
      communityId: v.communityId,
      committeeId: row.committeeId,
      status: v.status,
    }),
  };
}

export async function createVote(
  ctx: AppContext,
  actor: Actor,
  body: Omit<CreateVoteBody, 'documentFileIds'> & { documentFileIds?: number[] },
  now = new Date(),
) {
  const community = await owners.scopedCommunity(ctx.db, actor, 'votes.manage', body.communityId);
  if (!community) throw communityNotFound();
  if (new Date(body.closesAt) <= now) throw err.closesInPast();
  await attachableDocuments(ctx.db, actor, community.id, body.documentFileIds ?? []);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertDraft(tx, actor, community, body, null);
    return row.id;
  });
  return getVote(ctx, actor, id, now);
}

/** Documents a vote of `communityId` may carry: files the caller may attach to that community. */
export async function attachableDocuments(
  db: Executor,
  actor: Actor,
  communityId: number,
  fileIds: readonly number[],
  path = 'body.documentFileIds',
) {
  for (const [i, fileId] of fileIds.entries())
    await attachableFile(db, actor, fileId, communityId, `${path}.${i}`);
}

/**
 * A draft vote of a community; fund uses create theirs through this too, with the buildings whose
 * units share the cost: only their owners vote (住宅专项维修资金管理办法 art. 22: the owners within
 * the apportionment scope).
 */
export async function insertDraft(
  tx: Executor,
  actor: Actor,
  community: { id: number; streetId: number },
  body: {
    title: string;
    matterType: MatterType;
    description: string;
    closesAt: string;
    documentFileIds?: readonly number[];
    buildingIds?: readonly number[] | null;
  },
  fundUseId: number | null,
) {
  const row = await repo.insertVote(tx, {
    streetId: community.streetId,
    communityId: community.id,
    title: body.title,
    matterType: body.matterType,
    description: body.description,
    closesAt: new Date(body.closesAt),
    buildingIds: body.buildingIds?.length ? [...body.buildingIds] : null,
    documentFileIds: [...(body.documentFileIds ?? [])],
    fundUseId,
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor.audit, {
    action: 'vote.created',
    entityType: 'vote',
    entityId: row.id,
    streetId: row.streetId,
    after: row,
  });
  return row;
}

async function managedVote(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVote(ctx.db, actor, 'votes.manage', id);
  if (!row) throw err.voteNotFound();
  return row;
}

export async function cancelVote(ctx: AppContext, actor: Actor, id: number, version: number) {
  await managedVote(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const before = (await repo.lockVote(tx, id, 'update'))!;
    if (before.status !== 'draft') throw err.voteInvalidState(before.status);
    const after = await repo.updateVote(tx, id, version, { status: 'cancelled' });
    if (!after) throw versionConflict(before.version);
    await recordAudit(tx, actor.audit, {
      action: 'vote.cancelled',
      entityType: 'vote',
      entityId: id,
      streetId: after.streetId,
      before,
      after,
    });
  });
  return getVote(ctx, actor, id);
}

/**
 * Opens a draft: the rule set of the day is fixed, and the roll is frozen from the register as it
 * stands: every unit with its exclusive area, its owner key (SPEC 5.5) and the persons who may cast
 * its ballot online. Later transfers do not change who votes for what.
 */
export async function openInTx(tx: Executor, actor: Actor, id: number, version: number, now: Date) {
  const before = await repo.lockVote(tx, id, 'update');
  if (!before) throw err.voteNotFound();
  if (before.status !== 'draft') throw err.voteInvalidState(before.status);
  if (before.version !== version) throw versionConflict(before.version);
  if (before.closesAt <= now) throw err.closesInPast();
  const rows = await freezeRoll(tx, before);
  const openedOn = shanghaiDate(now);
  const after = (await repo.updateVote(tx, id, version, {
    status: 'open',
    openedAt: now,
    openedOn,
    ruleSet: ruleSetOn(openedOn),
  }))!;
  const area = rows.reduce((s, r) => s + hundredths(r.exclusiveArea), 0n);
  await recordAudit(tx, actor.audit, {
    action: 'vote.opened',
    entityType: 'vote',
    entityId: id,
    streetId: after.streetId,
    before,
    after: {
      ...after,
      roll: {
        units: rows.length,
        area: `${area / 100n}.${(area % 100n).toString().padStart(2, '0')}`,
        owners: new Set(rows.map((r) => r.ownerKey)).size,
      },
    },
  });
  return after;
}

/** The roll of a vote from the register as it stands: units, areas, owner keys, who may vote online. */
async function freezeRoll(tx: Executor, vote: VoteRow) {
  const { units, holders } = await owners.communityUnitsForRoll(tx, vote.communityId, vote.buildingIds);
  if (units.length === 0) throw err.emptyRoll();
  await publishFiles(tx, vote.documentFileIds, { streetId: vote.streetId, communityId: vote.communityId });
  const byUnit = new Map<number, typeof holders>();
  for (const h of holders) byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h]);
  const rows = units.map((u) => {
    const hs = byUnit.get(u.unitId) ?? [];
    const people = hs.filter((h) => h.kind === 'person');
    return {
      voteId: vote.id,
      unitId: u.unitId,
      streetId: u.streetId,
      buildingName: u.buildingName,
      unitNumber: u.number,
      exclusiveArea: u.exclusiveArea,
      ownerKey: ownerKeyOf({
        unitId: u.unitId,
        developerHeld: hs.some((h) => h.kind === 'developer'),
        owners: people.map((h) => ({ personId: h.personId!, delivered: h.delivered })),
      }),
      ownerPersonIds: people.map((h) => h.personId!),
    };
  });
  await repo.insertRoll(tx, rows);
  return rows;
}

/** Start and end of a Shanghai calendar day, and its noon (the time given to a ballot of that day). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999+08:00`);
const dayNoon = (day: string) => new Date(`${day}T12:00:00+08:00`);

/** Checks of a held vote that need no database: the period is over, every ballot falls in it, once per unit. */
function checkHeldVote(body: RecordHeldVoteBody, today: string) {
  if (body.opensOn > today) throw fieldError('body.opensOn', 'future_date');
  if (body.closesOn < body.opensOn) throw fieldError('body.closesOn', 'date_order');
  if (body.closesOn >= today) throw fieldError('body.closesOn', 'ballot_period_not_over');
  if (body.assemblyOn < body.opensOn || body.assemblyOn > body.closesOn)
    throw fieldError('body.assemblyOn', 'outside_ballot_period');
  const seen = new Set<number>();
  for (const [i, b] of body.ballots.entries()) {
    if (b.castOn < body.opensOn || b.castOn > body.closesOn)
      throw fieldError(`body.ballots.${i}.castOn`, 'outside_ballot_period');
    if (seen.has(b.unitId)) throw fieldError(`body.ballots.${i}.unitId`, 'duplicate_unit');
    seen.add(b.unitId);
  }
}

/**
 * Records a vote that was held on paper (an owners' assembly) after the fact (补录): the rule set is
 * the one in force on the first day of its ballot period (SPEC 5.5: the Property Law before
 * 2021-01-01), the roll is the register as it stands, the paper ballots go in with their scans and
 * days, and the vote is closed and its result published at once, marked as recorded after the fact.
 * Nothing is written unless every ballot passes.
 */
export async function recordHeldVote(
  ctx: AppContext,
  actor: Actor,
  body: RecordHeldVoteBody,
  now = new Date(),
) {
  const community = await owners.scopedCommunity(ctx.db, actor, 'votes.record', body.communityId);
  if (!community) throw communityNotFound();
  checkHeldVote(body, shanghaiDate(now));
  if (body.publicityDays < MIN_PUBLICITY_DAYS) throw err.publicityTooShort(MIN_PUBLICITY_DAYS);
  await attachableDocuments(ctx.db, actor, community.id, body.documentFileIds);
  const scans = [...new Set(body.ballots.map((b) => b.scanFileId))];
  for (const fileId of scans)
    await attachableFile(
      ctx.db,
      actor,
      fileId,
      community.id,
      `body.ballots.${body.ballots.findIndex((b) => b.scanFileId === fileId)}.scanFileId`,
    );
  const id = await ctx.db.transaction(async (tx) => {
    const openedOn = body.opensOn;
    const draft = await repo.insertVote(tx, {
      streetId: community.streetId,
      communityId: community.id,
      title: body.title,
      matterType: body.matterType,
      description: body.description,
      status: 'open',
      ruleSet: ruleSetOn(openedOn),
      openedAt: dayStart(openedOn),
      openedOn,
      closesAt: dayEnd(body.closesOn),
      documentFileIds: body.documentFileIds,
      createdBy: actor.userId,
      assemblyOn: body.assemblyOn,
      recordedAt: now,
    });
    const roll = await freezeRoll(tx, draft);
    const onRoll = new Set(roll.map((r) => r.unitId));
    const off = body.ballots.findIndex((b) => !onRoll.has(b.unitId));
    if (off >= 0) throw fieldError(`body.ballots.${off}.unitId`, 'not_on_roll');
    await repo.insertBallots(
      tx,
      body.ballots.map((b) => ({
        voteId: draft.id,
        unitId: b.unitId,
        streetId: draft.streetId,
        choice: b.choice,
        channel: 'paper',
        voterPersonId: null,
        castBy: actor.userId,
        scanFileId: b.scanFileId,
        signedBy: b.signedBy,
        castAt: dayNoon(b.castOn),
      })),
    );
    await recordAudit(tx, actor.audit, {
      action: 'vote.recorded',
      entityType: 'vote',
      entityId: draft.id,
      streetId: draft.streetId,
      after: { ...draft, roll: { units: roll.length }, ballots: body.ballots },
    });
    await closeInTx(tx, actor, draft.id, null, body.publicityDays, now);
    return draft.id;
  });
  return getVote(ctx, actor, id, now);
}

export async function openVote(ctx: AppContext, actor: Actor, id: number, version: number, now = new Date()) {
  await managedVote(ctx, actor, id);
  await ctx.db.transaction((tx) => openInTx(tx, actor, id, version, now));
  return getVote(ctx, actor, id, now);
}

async function castInTx(
  tx: Executor,
  actor: Actor,
  voteId: number,
  now: Date,
  ballot: {
    unitId: number;
    choice: BallotChoice;
    channel: 'online' | 'paper';
    voterPersonId: number | null;
    scanFileId: number | null;
    signedBy: string | null;
  },
  mayCast: (entry: NonNullable<Awaited<ReturnType<typeof repo.rollEntry>>>) => boolean,
) {
  const vote = await repo.lockVote(tx, voteId, 'share');
  if (!vote) throw err.voteNotFound();
  if (vote.status !== 'open' || vote.closesAt <= now) throw err.voteClosedForBallots();
  const entry = await repo.rollEntry(tx, voteId, ballot.unitId);
  if (!entry) throw err.unitNotOnRoll();
  if (!mayCast(entry)) throw err.notOwnerOfUnit();
  const row = await repo.insertBallot(tx, {
    voteId,
    streetId: vote.streetId,
    castBy: actor.userId,
    castAt: now,
    ...ballot,
  });
  if (!row) throw err.alreadyCast();
  await recordAudit(tx, actor.audit, {
    action: 'vote.ballot_cast',
    entityType: 'vote',
    entityId: voteId,
    streetId: vote.streetId,
    after: row,
  });
  return row;
}

/** An owner casts their unit's ballot online. Final once cast: a second ballot for the unit is refused. */
export async function castBallot(
  ctx: AppContext,
  actor: Actor,
  voteId: number,
  body: { unitId: number; choice: BallotChoice },
  now = new Date(),
) {
  const row = await repo.findVote(ctx.db, actor, 'votes.cast', voteId);
  if (!row) throw err.voteNotFound();
  const personId = await owners.personIdOfUser(ctx.db, actor.userId);
  await ctx.db.transaction((tx) =>
    castInTx(
      tx,
      actor,
      voteId,
      now,
      { ...body, channel: 'online', voterPersonId: personId, scanFileId: null, signedBy: null },
      (entry) => personId !== null && entry.ownerPersonIds.includes(personId),
    ),
  );
  return getVote(ctx, actor, voteId, now);
}

/** The owners' committee enters a paper ballot, with the scan of the signed paper. */
export async function enterPaperBallot(
  ctx: AppContext,
  actor: Actor,
  voteId: number,
  body: PaperBallotBody,
  now = new Date(),
) {
  const row = await managedVote(ctx, actor, voteId);
  await attachableFile(ctx.db, actor, body.scanFileId, row.vote.communityId, 'body.scanFileId');
  await ctx.db.transaction((tx) =>
    castInTx(
      tx,
      actor,
      voteId,
      now,
      {
        unitId: body.unitId,
        choice: body.choice,
        channel: 'paper',
        voterPersonId: null,
        scanFileId: body.scanFileId,
        signedBy: body.signedBy,
      },
      () => true,
    ),
  );
  return getVote(ctx, actor, voteId, now);
}

/** The tally of the stored roll and ballots under the vote's rule set. */
export async function tallyOf(db: Executor, vote: VoteRow) {
  const [roll, ballots] = await Promise.all([repo.rollOf(db, vote.id), repo.ballotsOf(db, vote.id)]);
  const entries: RollEntry[] = roll.map((r) => ({
    unitId: r.unitId,
    areaHundredths: hundredths(r.exclusiveArea),
    ownerKey: r.ownerKey,
  }));
  return tallyVote(
    entries,
    ballots.map((b) => ({ unitId: b.unitId, choice: b.choice as BallotChoice })),
    vote.ruleSet as RuleSet,
    vote.matterType as MatterType,
  );
}

/**
 * Closes a vote that is due (its closing time passed, or every unit on the roll voted), tallies
 * it and publishes the result on the disclosure board for at least seven days.
 */
export async function closeInTx(
  tx: Executor,
  actor: {
    audit: { userId: number | null; label: string; ip?: string | null };
    userId: number | null;
    displayName: string;
  },
  id: number,
  version: number | null,
  publicityDays: number,
  now: Date,
) {
  if (publicityDays < MIN_PUBLICITY_DAYS) throw err.publicityTooShort(MIN_PUBLICITY_DAYS);
  const before = await repo.lockVote(tx, id, 'update');
  if (!before) throw err.voteNotFound();
  if (before.status !== 'open') throw err.voteInvalidState(before.status);
  if (version !== null && before.version !== version) throw versionConflict(before.version);
  const result = await tallyOf(tx, before);
  if (before.closesAt > now && result.participating.units < result.total.units)
    throw err.voteNotDue(before.closesAt.toISOString());
  const today = shanghaiDate(now);
  const publicUntil = addDays(today, publicityDays);
  const recorded = before.recordedAt !== null && before.assemblyOn !== null;
  const disclosure = await publishDisclosure(tx, actor, {
    streetId: before.streetId,
    communityId: before.communityId,
    category: 'vote_result',
    title: before.title,
    body: before.description,
    // the board says that the result was entered after the fact, and when the owners decided
    data: recorded
      ? {
          ...result,
          recorded: {
            assemblyOn: before.assemblyOn,
            opensOn: before.openedOn,
            closesOn: shanghaiDate(before.closesAt),
            recordedOn: today,
          },
        }
      : result,
    visibleUntil: publicUntil,
    source: { type: 'vote', id },
  });
  const after = (await repo.updateVote(tx, id, before.version, {
    status: 'closed',
    // a recorded vote closed when its ballot period ended, not when it was entered
    closedAt: recorded ? before.closesAt : now,
    result,
    passed: result.passed,
    publicUntil,
    disclosureId: disclosure?.id ?? null,
  }))!;
  await recordAudit(tx, actor.audit, {
    action: 'vote.closed',
    entityType: 'vote',
    entityId: id,
    streetId: after.streetId,
    before,
    after,
  });
  return after;
}

export async function closeVote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { version: number; publicityDays: number },
  now = new Date(),
) {
  await managedVote(ctx, actor, id);
  await ctx.db.transaction((tx) => closeInTx(tx, actor, id, body.version, body.publicityDays, now));
  return getVote(ctx, actor, id, now);
}

/** Job: closes every open vote whose closing time has passed, with the minimum publicity. */
export async function closeDueVotes(ctx: AppContext, now = new Date()) {
  const system = {
    audit: { userId: null, label: 'job:votes-close-due' },
    userId: null,
    displayName: '安居系统',
  };
  let closed = 0;
  for (const { id } of await repo.dueVotes(ctx.db, now)) {
    await ctx.db.transaction(async (tx) => {
      const v = await repo.lockVote(tx, id, 'update');
      if (v?.status !== 'open') return; // another instance closed it
      await closeInTx(tx, system, id, null, MIN_PUBLICITY_DAYS, now);
      closed++;
    });
  }
  return closed;
}

/** The stored result next to a fresh tally from the stored ballots. */
export async function reproduce(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVote(ctx.db, actor, 'votes.roll', id);
  if (!row) throw err.voteNotFound();
  if (row.vote.status === 'draft' || row.vote.status === 'cancelled')
    throw err.voteInvalidState(row.vote.status);
  const recomputed = await tallyOf(ctx.db, row.vote);
  const stored = storedResult(row);
  return {
    stored,
    recomputed,
    reproducible:
      stored !== null && JSON.stringify(canonical(stored)) === JSON.stringify(canonical(recomputed)),
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

export async function rollOfVote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: {
    voted?: 'true' | 'false' | undefined;
    q?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const row = await repo.findVote(ctx.db, actor, 'votes.roll', id);
  if (!row) throw err.voteNotFound();
  const rows = await repo.rollPage(
    ctx.db,
    id,
    { limit: q.limit, ...(q.voted ? { voted: q.voted === 'true' } : {}), ...(q.q ? { q: q.q } : {}) },
    idCursor(q.cursor),
  );
  const result = page(rows, q.limit, (r) => [r.roll.unitId]);
  return {
    items: result.items.map(({ roll, ballot }) => ({
      unitId: roll.unitId,
      building: roll.buildingName,
      number: roll.unitNumber,
      exclusiveArea: roll.exclusiveArea,
      ownerKey: roll.ownerKey,
      ballot: ballot
        ? {
            choice: ballot.choice as BallotChoice,
            channel: ballot.channel as 'online' | 'paper',
            castAt: ballot.castAt.toISOString(),
            scanFileId: ballot.scanFileId,
            signedBy: ballot.signedBy,
          }
        : null,
    })),
    nextCursor: result.nextCursor,
    total: row.rollUnits,
  };
}

export async function* iterateRoll(ctx: AppContext, actor: Actor, id: number) {
  let cursor: string | undefined;
  for (;;) {
    const p = await rollOfVote(ctx, actor, id, { limit: 200, cursor });
    yield* p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

/** Open votes on the roll of the resident's units, and closed ones still on the board. */
export async function myVotes(ctx: AppContext, actor: Actor, now = new Date()) {
  const { units } = await myUnits(ctx, actor);
  const entries = await repo.votesOfUnits(
    ctx.db,
    units.map((u) => u.unitId),
    ['open', 'closed'],
  );
  const today = shanghaiDate(now);
  const ids = [...new Set(entries.map((e) => e.voteId))];
  const items = [];
  for (const id of ids) {
    const v = await getVote(ctx, actor, id, now).catch(() => null);
    if (!v) continue;
    if (v.status === 'closed' && (v.publicUntil ?? '') < today) continue;
    items.push(v);
  }
  return { items };
}
