import { describe, expect, it } from 'vitest';
import { actorFor } from '../../../../test/actors';
import { setupTestApp } from '../../../../test/app';
import { multipartFile, tinyPdf } from '../../../../test/multipart';
import { addDays, shanghaiDate } from '../../platform/dates';
import { type Ballot, type RollEntry, tallyVote } from './votes.tally';
import { closeDueVotes, closeVote, createVote, openVote } from './votes.usecases';

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await q<T>(text, params))[0]!;
const auditCount = async (action?: string) =>
  (
    await one<{ n: number }>(
      `select count(*)::int as n from audit_log ${action ? 'where action = $1' : ''}`,
      action ? [action] : [],
    )
  ).n;
const demoCommunity = async () =>
  (
    await one<{ id: number }>(
      "select r.community_id as id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'owners_committee'",
    )
  ).id;
const openVoteId = async () =>
  (await one<{ id: number }>("select id from owner_vote where status = 'open' order by id limit 1")).id;
const residentUnit = async () =>
  Number(
    (
      await one<{ unit_id: number }>(
        "select r.unit_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'",
      )
    ).unit_id,
  );
async function uploadScan(client: Awaited<ReturnType<typeof t.login>>, communityId?: number) {
  const u = multipartFile(tinyPdf, { filename: 'ballot.pdf' });
  const res = await client.request({
    method: 'POST',
    url: `/api/v1/files${communityId ? `?communityId=${communityId}` : ''}`,
    payload: u.payload,
    headers: u.headers,
  });
  expect(res.statusCode).toBe(201);
  return res.json().fileId as number;
}

describe('casting ballots', () => {
  it('a resident sees the open vote for their unit and casts its ballot once; it is final', async () => {
    const resident = await t.login('resident');
    const mine = (await resident.get('/api/v1/me/votes')).json();
    const vote = mine.items.find((v: { status: string }) => v.status === 'open');
    expect(vote).toBeDefined();
    expect(vote.requirement).toEqual({
      quorum: { num: 2, den: 3, strict: false },
      approval: { num: 1, den: 2, strict: true, base: 'participating' },
    });
    const unit = await residentUnit();
    expect(vote.myUnits).toEqual([expect.objectContaining({ unitId: unit, choice: null, canCast: true })]);
    const before = await auditCount('vote.ballot_cast');
    const cast = await resident.post(`/api/v1/votes/${vote.id}/ballots`, { unitId: unit, choice: 'for' });
    expect(cast.statusCode).toBe(200);
    expect(cast.json().myUnits[0]).toMatchObject({ choice: 'for', channel: 'online', canCast: false });
    const again = await resident.post(`/api/v1/votes/${vote.id}/ballots`, {
      unitId: unit,
      choice: 'against',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('vote.already_cast');
    const stored = await q<{ choice: string }>(
      'select choice from owner_vote_ballot where vote_id = $1 and unit_id = $2',
      [vote.id, unit],
    );
    expect(stored).toEqual([{ choice: 'for' }]);
    expect(await auditCount('vote.ballot_cast')).toBe(before + 1);
    // the database refuses to change a cast ballot, whatever the code does
    await expect(
      t.ctx.database.pool.query(
        "update owner_vote_ballot set choice = 'against' where vote_id = $1 and unit_id = $2",
        [vote.id, unit],
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a ballot for a unit the resident does not own, or that is not on the roll', async () => {
    const resident = await t.login('resident');
    const id = await openVoteId();
    const { unit_id } = await one<{ unit_id: number }>(
      'select r.unit_id from owner_vote_roll r where r.vote_id = $1 and not exists (select 1 from owner_vote_ballot b where b.vote_id = r.vote_id and b.unit_id = r.unit_id) and r.unit_id <> $2 limit 1',
      [id, await residentUnit()],
    );
    const other = await resident.post(`/api/v1/votes/${id}/ballots`, {
      unitId: Number(unit_id),
      choice: 'for',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0]).toMatchObject({ path: 'body.unitId', code: 'not_your_unit' });
    const off = await resident.post(`/api/v1/votes/${id}/ballots`, { unitId: 1, choice: 'for' });
    expect(off.json().errors[0]).toMatchObject({ path: 'body.unitId', code: 'not_on_roll' });
    const bad = await resident.post(`/api/v1/votes/${id}/ballots`, {
      unitId: Number(unit_id),
      choice: 'maybe',
    });
    expect(bad.json().errors[0].path).toBe('body.choice');
  });

  it('the owners committee enters a paper ballot with its scan', async () => {
    const oc = await t.login('owners_committee');
    const id = await openVoteId();
    const { unit_id } = await one<{ unit_id: number }>(
      'select r.unit_id from owner_vote_roll r where r.vote_id = $1 and not exists (select 1 from owner_vote_ballot b where b.vote_id = r.vote_id and b.unit_id = r.unit_id) order by r.unit_id limit 1',
      [id],
    );
    const missing = await oc.post(`/api/v1/votes/${id}/paper-ballots`, {
      unitId: Number(unit_id),
      choice: 'against',
      signedBy: '李四',
    });
    expect(missing.json().errors[0].path).toBe('body.scanFileId');
    // a scan the committee cannot see (uploaded by another street's officer) is refused
    const foreign = await uploadScan(await t.login('street2'));
    const refused = await oc.post(`/api/v1/votes/${id}/paper-ballots`, {
      unitId: Number(unit_id),
      choice: 'against',
      scanFileId: foreign,
      signedBy: '李四',
    });
    expect(refused.json().errors[0]).toMatchObject({ path: 'body.scanFileId', code: 'unknown_file' });
    const scan = await uploadScan(oc, await demoCommunity());
    const res = await oc.post(`/api/v1/votes/${id}/paper-ballots`, {
      unitId: Number(unit_id),
      choice: 'against',
      scanFileId: scan,
      signedBy: '李四',
    });
    expect(res.statusCode).toBe(200);
    const roll = (await oc.get(`/api/v1/votes/${id}/roll?limit=200`)).json();
    expect(roll.items.find((r: { unitId: number }) => r.unitId === Number(unit_id)).ballot).toMatchObject({
      choice: 'against',
      channel: 'paper',
      scanFileId: scan,
      signedBy: '李四',
    });
  });
});

describe('a vote from draft to published result', () => {
  it('freezes the roll at opening, closes only when due, publishes for at least 7 days, and recounts the same', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const auditBefore = await auditCount();
    const votesBefore = (await one<{ n: number }>('select count(*)::int as n from owner_vote')).n;
    for (const [body, path] of [
      [
        { communityId: community, title: '表决', matterType: 'other', closesAt: '2020-01-01T00:00:00+08:00' },
        'body.closesAt',
      ],
      [
        { communityId: community, title: '表决', matterType: 'party', closesAt: '2099-01-01T00:00:00+08:00' },
        'body.matterType',
      ],
      [{ communityId: community, matterType: 'other', closesAt: '2099-01-01T00:00:00+08:00' }, 'body.title'],
      [{ communityId: community, title: '表决', matterType: 'other', closesAt: 'tomorrow' }, 'body.closesAt'],
    ] as const) {
      const res = await oc.post('/api/v1/votes', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await auditCount()).toBe(auditBefore);
    expect((await one<{ n: number }>('select count(*)::int as n from owner_vote')).n).toBe(votesBefore);

    const created = await oc.post('/api/v1/votes', {
      communityId: community,
      title: '增设电动自行车充电设施',
      matterType: 'change_common_use',
      closesAt: `${addDays(shanghaiDate(), 10)}T17:00:00+08:00`,
    });
    expect(created.statusCode).toBe(200);
    const draft = created.json();
    expect(draft).toMatchObject({
      status: 'draft',
      ruleSet: null,
      abilities: { open: true, viewRoll: false },
    });
    const opened = (await oc.post(`/api/v1/votes/${draft.id}/open`, { version: draft.version })).json();
    expect(opened).toMatchObject({ status: 'open', ruleSet: 'civil_code_2021', openedOn: shanghaiDate() });
    expect(opened.requirement.approval).toEqual({ num: 3, den: 4, strict: false, base: 'participating' });
    const units = (
      await one<{ n: number }>('select count(*)::int as n from unit where community_id = $1', [community])
    ).n;
    expect(opened.rollUnits).toBe(units);
    expect((await oc.post(`/api/v1/votes/${draft.id}/open`, { version: opened.version })).statusCode).toBe(
      409,
    );

    // a transfer after opening does not change the roll
    const { unit_id } = await one<{ unit_id: number }>(
      'select unit_id from owner_vote_roll where vote_id = $1 order by unit_id limit 1 offset 5',
      [draft.id],
    );
    const rollBefore = await one(
      'select owner_key, owner_person_ids from owner_vote_roll where vote_id = $1 and unit_id = $2',
      [draft.id, unit_id],
    );
    const transfer = await oc.put(`/api/v1/owner-units/${unit_id}/owners`, {
      since: shanghaiDate(),
      owners: [{ name: '后来的业主', idNumber: '11010519491231002X' }],
    });
    expect(transfer.statusCode).toBe(200);
    expect(
      await one(
        'select owner_key, owner_person_ids from owner_vote_roll where vote_id = $1 and unit_id = $2',
        [draft.id, unit_id],
      ),
    ).toEqual(rollBefore);

    // 3/4 of the participating area and owners vote for, exactly: 60 ballots, 45 for
    const roll = await q<{ unit_id: number; exclusive_area: string; owner_key: string }>(
      "select unit_id, exclusive_area::text, owner_key from owner_vote_roll where vote_id = $1 and owner_key like 'persons:%' order by unit_id",
      [draft.id],
    );
    const seen = new Set<string>();
    const picked = roll.filter((r) => !seen.has(r.owner_key) && seen.add(r.owner_key)).slice(0, 60);
    for (const [i, r] of picked.entries())
      await t.ctx.database.pool.query(
        "insert into owner_vote_ballot (vote_id, unit_id, street_id, choice, channel) select $1, $2, street_id, $3, 'paper' from owner_vote where id = $1",
        [draft.id, r.unit_id, i < 45 ? 'for' : 'against'],
      );
    const early = await oc.post(`/api/v1/votes/${draft.id}/close`, {
      version: opened.version,
      publicityDays: 7,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('vote.not_due');
    await t.ctx.database.pool.query(
      "update owner_vote set closes_at = now() - interval '1 minute' where id = $1",
      [draft.id],
    );
    const short = await oc.post(`/api/v1/votes/${draft.id}/close`, {
      version: opened.version,
      publicityDays: 3,
    });
    expect(short.json().errors[0]).toMatchObject({ path: 'body.publicityDays', code: 'publicity_too_short' });
    const closed = await oc.post(`/api/v1/votes/${draft.id}/close`, {
      version: opened.version,
      publicityDays: 7,
    });
    expect(closed.statusCode).toBe(200);
    const result = closed.json();
    expect(result.status).toBe('closed');
    expect(result.publicUntil).toBe(addDays(shanghaiDate(), 7));
    // far from the quorum: 60 of several hundred owners
    expect(result.result.quorum.met).toBe(false);
    expect(result.result.approval.owners).toMatchObject({ value: '3/4', met: true });
    expect(result.passed).toBe(false);
    // the result is on the residents' board, and a recount from the stored ballots agrees
    const board = (
      await (await t.login('resident')).get('/api/v1/disclosures?category=vote_result&current=true')
    ).json();
    expect(board.items.some((d: { source: { id: number } | null }) => d.source?.id === draft.id)).toBe(true);
    const recount = (await oc.get(`/api/v1/votes/${draft.id}/tally`)).json();
    expect(recount.reproducible).toBe(true);
    expect(recount.recomputed).toEqual(result.result);
    const late = await (await t.login('resident')).post(`/api/v1/votes/${draft.id}/ballots`, {
      unitId: await residentUnit(),
      choice: 'for',
    });
    expect(late.json().code).toBe('vote.closed_for_ballots');
    expect(await auditCount('vote.closed')).toBeGreaterThan(0);
  });

  it('tallies a vote opened in 2019 by the Property Law and one opened in 2023 by the Civil Code', async () => {
    const actor = await actorFor(t.ctx, 'owners_committee');
    const community = await demoCommunity();
    const make = async (openOn: string) => {
      const at = new Date(`${openOn}T09:00:00+08:00`);
      const draft = await createVote(
        t.ctx,
        actor,
        {
          communityId: community,
          title: `使用维修资金 ${openOn}`,
          matterType: 'use_fund',
          description: '',
          closesAt: `${openOn}T23:00:00+08:00`,
        },
        at,
      );
      const opened = await openVote(t.ctx, actor, draft.id, draft.version, at);
      return opened;
    };
    const old = await make('2019-06-03');
    const recent = await make('2023-06-05');
    expect(old.ruleSet).toBe('property_law_2007');
    expect(recent.ruleSet).toBe('civil_code_2021');
    // the same ballots in both: 80% of the units vote, 70% of those for (56% of all)
    const roll = await q<{ unit_id: number; exclusive_area: string; owner_key: string }>(
      'select unit_id, exclusive_area::text, owner_key from owner_vote_roll where vote_id = $1 order by unit_id',
      [old.id],
    );
    const ballots: Ballot[] = [];
    for (const [i, r] of roll.entries()) {
      if (i % 5 === 4) continue;
      ballots.push({ unitId: Number(r.unit_id), choice: i % 10 < 7 ? 'for' : 'against' });
    }
    for (const vote of [old, recent])
      for (const b of ballots)
        await t.ctx.database.pool.query(
          "insert into owner_vote_ballot (vote_id, unit_id, street_id, choice, channel) select $1, $2, street_id, $3, 'paper' from owner_vote where id = $1",
          [vote.id, b.unitId, b.choice],
        );
    const oldClosed = await closeVote(
      t.ctx,
      actor,
      old.id,
      { version: old.version, publicityDays: 7 },
      new Date('2019-06-04T09:00:00+08:00'),
    );
    const recentClosed = await closeVote(
      t.ctx,
      actor,
      recent.id,
      { version: recent.version, publicityDays: 7 },
      new Date('2023-06-06T09:00:00+08:00'),
    );
    expect(oldClosed.result!.requirement.approval).toEqual({ num: 2, den: 3, strict: false, base: 'total' });
    expect(oldClosed.result!.quorum).toBeNull();
    expect(recentClosed.result!.quorum!.met).toBe(true);
    const entries: RollEntry[] = roll.map((r) => ({
      unitId: Number(r.unit_id),
      areaHundredths: BigInt(r.exclusive_area.replace('.', '')),
      ownerKey: r.owner_key,
    }));
    expect(oldClosed.result).toEqual(tallyVote(entries, ballots, 'property_law_2007', 'use_fund'));
    expect(recentClosed.result).toEqual(tallyVote(entries, ballots, 'civil_code_2021', 'use_fund'));
    // the same owners' decision fails under the Property Law (2/3 of all) and passes under the Civil Code
    expect(oldClosed.passed).toBe(false);
    expect(recentClosed.passed).toBe(true);
  });

  it('counts the developer once over all unsold and undelivered units', async () => {
    const oc = await t.login('owners_committee');
    const id = await openVoteId();
    const dev = await one<{ units: number; keys: number }>(
      "select count(*)::int as units, count(distinct owner_key)::int as keys from owner_vote_roll where vote_id = $1 and owner_key = 'developer'",
      [id],
    );
    expect(dev.units).toBeGreaterThan(1);
    expect(dev.keys).toBe(1);
    const { closed } = await one<{ closed: number }>(
      "select id as closed from owner_vote where status = 'closed' and community_id = $1 order by id desc limit 1",
      [await demoCommunity()],
    );
    const v = (await oc.get(`/api/v1/votes/${closed}`)).json();
    const keys = await one<{ n: number }>(
      'select count(distinct owner_key)::int as n from owner_vote_roll where vote_id = $1',
      [closed],
    );
    expect(v.result.total.owners).toBe(String(keys.n));
    expect(v.result.total.units).toBeGreaterThan(keys.n);
  });
});

describe('documents and the roll for paper ballots', () => {
  it('a vote carries its documents; residents can read them once it opens, not before', async () => {
    const oc = await t.login('owners_committee');
    const resident = await t.login('resident');
    const community = await demoCommunity();
    const plan = await uploadScan(oc);
    const { id: otherCommunity } = await one<{ id: number }>(
      "select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' limit 1",
    );
    const street2 = await t.login('street2');
    const foreign = await uploadScan(street2, otherCommunity);
    const refused = await oc.post('/api/v1/votes', {
      communityId: community,
      title: '更换小区监控',
      matterType: 'other',
      closesAt: `${addDays(shanghaiDate(), 10)}T17:00:00+08:00`,
      documentFileIds: [plan, foreign],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('body.documentFileIds.1');
    const draft = (
      await oc.post('/api/v1/votes', {
        communityId: community,
        title: '更换小区监控',
        matterType: 'other',
        closesAt: `${addDays(shanghaiDate(), 10)}T17:00:00+08:00`,
        documentFileIds: [plan],
      })
    ).json();
    expect(draft.documents).toEqual([{ id: plan, name: 'ballot.pdf', mime: 'application/pdf' }]);
    expect(draft.buildings).toEqual([]);
    expect((await resident.get(`/api/v1/files/${plan}/content`)).statusCode).toBe(404);
    await oc.post(`/api/v1/votes/${draft.id}/open`, { version: draft.version });
    const mine = (await resident.get('/api/v1/me/votes')).json();
    expect(mine.items.find((v: { id: number }) => v.id === draft.id).documents).toHaveLength(1);
    const content = await resident.get(`/api/v1/files/${plan}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
  });

  it('finds units on the roll by building and number, voted or not', async () => {
    const oc = await t.login('owners_committee');
    const vote = await openVoteId();
    const { building_name, unit_number } = await one<{ building_name: string; unit_number: string }>(
      'select building_name, unit_number from owner_vote_roll where vote_id = $1 order by unit_id limit 1 offset 3',
      [vote],
    );
    const found = (
      await oc.get(`/api/v1/votes/${vote}/roll?q=${encodeURIComponent(building_name + unit_number)}`)
    ).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ building: building_name, number: unit_number });
    const byNumber = (await oc.get(`/api/v1/votes/${vote}/roll?q=${unit_number}&limit=200`)).json();
    expect(byNumber.items.length).toBeGreaterThanOrEqual(1);
    expect(byNumber.items.every((i: { number: string }) => i.number.includes(unit_number))).toBe(true);
    const unvoted = (
      await oc.get(`/api/v1/votes/${vote}/roll?q=${unit_number}&voted=false&limit=200`)
    ).json();
    expect(unvoted.items.every((i: { ballot: unknown }) => i.ballot === null)).toBe(true);
  });
});

describe('closing due votes in the background', () => {
  it('the job closes a vote whose time is up exactly once, with the minimum publicity', async () => {
    const id = await openVoteId();
    await t.ctx.database.pool.query(
      "update owner_vote set closes_at = now() - interval '1 second' where id = $1",
      [id],
    );
    const runs = await Promise.all([closeDueVotes(t.ctx), closeDueVotes(t.ctx)]);
    expect(runs[0] + runs[1]).toBe(1);
    const v = await one<{ status: string; public_until: string; passed: boolean }>(
      'select status, public_until::text, passed from owner_vote where id = $1',
      [id],
    );
    expect(v.status).toBe('closed');
    expect(v.public_until).toBe(addDays(shanghaiDate(), 7));
    expect(
      (
        await one<{ n: number }>(
          "select count(*)::int as n from audit_log where action = 'vote.closed' and entity_id = $1",
          [String(id)],
        )
      ).n,
    ).toBe(1);
    expect(await closeDueVotes(t.ctx)).toBe(0);
  });
});

describe('who may see and run votes', () => {
  it('403 without the permission, 404 outside the place', async () => {
    const { id } = await one<{ id: number }>('select max(id) as id from owner_vote where community_id = $1', [
      await demoCommunity(),
    ]);
    expect((await (await t.login('street2')).get(`/api/v1/votes/${id}`)).statusCode).toBe(404);
    expect((await (await t.login('property')).get('/api/v1/votes')).statusCode).toBe(403);
    expect((await (await t.login('committee')).get(`/api/v1/votes/${id}`)).statusCode).toBe(200);
    const resident = await t.login('resident');
    expect(
      (
        await resident.post('/api/v1/votes', {
          communityId: await demoCommunity(),
          title: '表决',
          matterType: 'other',
          closesAt: '2099-01-01T00:00:00+08:00',
        })
      ).statusCode,
    ).toBe(403);
    expect((await resident.get(`/api/v1/votes/${id}/roll`)).statusCode).toBe(403);
    const { id: waitan } = await one<{ id: number }>(
      "select c.id from community c join street s on s.id = c.street_id where s.name = '外滩街道' order by c.id limit 1",
    );
    const oc = await t.login('owners_committee');
    expect(
      (
        await oc.post('/api/v1/votes', {
          communityId: waitan,
          title: '表决',
          matterType: 'other',
          closesAt: '2099-01-01T00:00:00+08:00',
        })
      ).statusCode,
    ).toBe(404);
    const street = await t.login('street');
    expect((await street.get(`/api/v1/votes/${id}`)).json().abilities).toMatchObject({
      open: false,
      close: false,
      viewRoll: true,
    });
    const xlsx = await street.get('/api/v1/votes/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
