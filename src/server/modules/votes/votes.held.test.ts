import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { multipartFile, tinyPdf } from '../../../../test/multipart';
import { addDays, shanghaiDate } from '../../platform/dates';

// A vote held on paper at an owners' assembly and recorded afterwards (SPEC 5.5): tallied by the law
// in force on its first ballot day, marked as recorded after the fact.

const t = setupTestApp();
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.ctx.database.pool.query(text, params)).rows as T[];
const count = async (table: string) =>
  (await q<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

const demoCommunity = async () =>
  Number(
    (
      await q<{ id: number }>(
        "select r.community_id as id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'owners_committee'",
      )
    )[0]!.id,
  );
const unitsOf = async (communityId: number) =>
  (await q<{ id: string }>('select id from unit where community_id = $1 order by id', [communityId])).map(
    (r) => Number(r.id),
  );

async function uploadScan(client: Awaited<ReturnType<typeof t.login>>, communityId: number) {
  const u = multipartFile(tinyPdf, { filename: 'ballots-2019.pdf' });
  const res = await client.request({
    method: 'POST',
    url: `/api/v1/files?communityId=${communityId}`,
    payload: u.payload,
    headers: u.headers,
  });
  expect(res.statusCode).toBe(201);
  return res.json().fileId as number;
}

/** 80% of the units hand in a ballot and 44% of all units vote for: above half of those who voted,
 *  below half of all owners. */
function ballotsFor(units: number[], scanFileId: number, opensOn: string) {
  const voting = units.slice(0, Math.floor(units.length * 0.8));
  const forCount = Math.floor(units.length * 0.44);
  return voting.map((unitId, i) => ({
    unitId,
    choice: i < forCount ? 'for' : i % 2 ? 'against' : 'abstain',
    castOn: opensOn,
    signedBy: `业主${i + 1}`,
    scanFileId,
  }));
}

describe('recording a vote held on paper', () => {
  it('tallies a 2019 assembly by the Property Law, where the Civil Code would pass the same ballots', async () => {
    const street = await t.login('street');
    const community = await demoCommunity();
    const units = await unitsOf(community);
    const scan = await uploadScan(street, community);
    const record = (opensOn: string, closesOn: string, assemblyOn: string) =>
      street.post('/api/v1/votes/held', {
        communityId: community,
        title: `修改管理规约 ${assemblyOn}`,
        matterType: 'management_rules',
        description: '业主大会书面征求意见',
        assemblyOn,
        opensOn,
        closesOn,
        ballots: ballotsFor(units, scan, opensOn),
      });
    const res2019 = await record('2019-04-01', '2019-04-30', '2019-04-20');
    expect(res2019.statusCode).toBe(200);
    const v2019 = res2019.json();
    expect(v2019).toMatchObject({
      status: 'closed',
      ruleSet: 'property_law_2007',
      openedOn: '2019-04-01',
      recorded: { assemblyOn: '2019-04-20' },
      ballots: Math.floor(units.length * 0.8),
    });
    expect(v2019.closedAt.slice(0, 10)).toBe('2019-04-30');
    // Property Law art. 76: more than half of ALL area and ALL owners, no quorum
    expect(v2019.result.requirement).toEqual({
      quorum: null,
      approval: { num: 1, den: 2, strict: true, base: 'total' },
    });
    expect(v2019.result.quorum).toBeNull();
    expect(v2019.result.approval.met).toBe(false);
    expect(v2019.passed).toBe(false);

    // the same ballots in a 2023 assembly: the Civil Code's quorum is met and more than half of
    // those who voted are for
    const res2023 = await record('2023-05-08', '2023-05-31', '2023-05-20');
    const v2023 = res2023.json();
    expect(v2023.ruleSet).toBe('civil_code_2021');
    expect(v2023.result.quorum.met).toBe(true);
    expect(v2023.result.approval.met).toBe(true);
    expect(v2023.passed).toBe(true);

    // exact shares from the stored roll and ballots: 2019 compares for-area with the total area
    const [sums] = await q<{ total: string; for_area: string }>(
      `select (select sum(exclusive_area)::text from owner_vote_roll where vote_id = $1) as total,
              (select sum(r.exclusive_area)::text from owner_vote_roll r join owner_vote_ballot b
                 on b.vote_id = r.vote_id and b.unit_id = r.unit_id where r.vote_id = $1 and b.choice = 'for') as for_area`,
      [v2019.id],
    );
    expect(v2019.result.total.area).toBe(sums!.total);
    expect(v2019.result.for.area).toBe(sums!.for_area);
    expect(Number(sums!.for_area) * 2).toBeLessThan(Number(sums!.total));

    // a recount from the stored paper ballots gives the published result
    const recount = (await street.get(`/api/v1/votes/${v2019.id}/tally`)).json();
    expect(recount.reproducible).toBe(true);
    const ballots = await q<{ channel: string; cast_on: string; scan_file_id: string }>(
      "select channel, to_char(cast_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as cast_on, scan_file_id from owner_vote_ballot where vote_id = $1",
      [v2019.id],
    );
    expect(new Set(ballots.map((b) => `${b.channel} ${b.cast_on} ${b.scan_file_id}`))).toEqual(
      new Set([`paper 2019-04-01 ${scan}`]),
    );
  });

  it('marks the vote as recorded after the fact in its history and on the notice board', async () => {
    const oc = await t.login('owners_committee');
    const community = await demoCommunity();
    const units = await unitsOf(community);
    const scan = await uploadScan(oc, community);
    const res = await oc.post('/api/v1/votes/held', {
      communityId: community,
      title: '选举第三届业主委员会',
      matterType: 'elect_committee',
      assemblyOn: '2020-11-15',
      opensOn: '2020-11-01',
      closesOn: '2020-11-20',
      ballots: ballotsFor(units, scan, '2020-11-10'),
    });
    expect(res.statusCode).toBe(200);
    const vote = res.json();
    expect(vote.ruleSet).toBe('property_law_2007');
    expect(vote.history.map((h: { event: string }) => h.event)).toEqual([
      'opened',
      'assembly',
      'closed',
      'recorded',
    ]);
    expect(vote.history[1]).toEqual({ event: 'assembly', at: '2020-11-15' });
    expect(shanghaiDate(new Date(vote.history[3].at))).toBe(shanghaiDate());
    expect(vote.publicUntil).toBe(addDays(shanghaiDate(), 7));
    const listed = (await oc.get(`/api/v1/votes?communityId=${community}`)).json();
    expect(listed.items.find((v: { id: number }) => v.id === vote.id).recorded).toMatchObject({
      assemblyOn: '2020-11-15',
    });
    // the residents' board shows the result with the mark and the assembly day
    const board = (
      await (await t.login('resident')).get('/api/v1/disclosures?category=vote_result&current=true')
    ).json();
    const notice = board.items.find((d: { source: { id: number } | null }) => d.source?.id === vote.id);
    expect(notice.data.recorded).toEqual({
      assemblyOn: '2020-11-15',
      opensOn: '2020-11-01',
      closesOn: '2020-11-20',
      recordedOn: shanghaiDate(),
    });
    expect(notice.data.passed).toBe(vote.passed);
    const audit = await q<{ n: number }>(
      "select count(*)::int as n from audit_log where entity_type = 'vote' and entity_id = $1 and action in ('vote.recorded', 'vote.closed')",
      [String(vote.id)],
    );
    expect(audit[0]!.n).toBe(2);
  });

  it('refuses bad input by field and writes nothing', async () => {
    const street = await t.login('street');
    const community = await demoCommunity();
    const units = await unitsOf(community);
    const scan = await uploadScan(street, community);
    const today = shanghaiDate();
    const base = {
      communityId: community,
      title: '改建自行车棚',
      matterType: 'rebuild',
      assemblyOn: '2019-09-10',
      opensOn: '2019-09-01',
      closesOn: '2019-09-30',
      ballots: ballotsFor(units.slice(0, 10), scan, '2019-09-05'),
    };
    const [otherUnit] = await q<{ id: string }>('select id from unit where community_id <> $1 limit 1', [
      community,
    ]);
    const [foreignCommunity] = await q<{ id: number }>(
      'select c.id from community c join street s on s.id = c.street_id where s.id <> (select street_id from community where id = $1) limit 1',
      [community],
    );
    const resident = await t.login('resident'); // signing in is audited too
    const before = {
      votes: await count('owner_vote'),
      ballots: await count('owner_vote_ballot'),
      audit: await count('audit_log'),
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ closesOn: addDays(today, 5) }, 'body.closesOn', 'ballot_period_not_over'],
      [{ closesOn: today }, 'body.closesOn', 'ballot_period_not_over'],
      [{ opensOn: addDays(today, 1), closesOn: addDays(today, 9) }, 'body.opensOn', 'future_date'],
      [{ closesOn: '2019-08-01' }, 'body.closesOn', 'date_order'],
      [{ assemblyOn: '2019-10-02' }, 'body.assemblyOn', 'outside_ballot_period'],
      [
        { ballots: [base.ballots[0], { ...base.ballots[1], castOn: '2019-10-01' }] },
        'body.ballots.1.castOn',
        'outside_ballot_period',
      ],
      [
        {
          ballots: [
            base.ballots[0],
            base.ballots[1],
            { ...base.ballots[2], unitId: base.ballots[0]!.unitId },
          ],
        },
        'body.ballots.2.unitId',
        'duplicate_unit',
      ],
      [
        { ballots: [base.ballots[0], { ...base.ballots[1], unitId: Number(otherUnit!.id) }] },
        'body.ballots.1.unitId',
        'not_on_roll',
      ],
      [
        { ballots: [{ ...base.ballots[0], scanFileId: 999999 }] },
        'body.ballots.0.scanFileId',
        'unknown_file',
      ],
      [{ ballots: [] }, 'body.ballots', 'too_small'],
      [{ ballots: [{ ...base.ballots[0], choice: 'maybe' }] }, 'body.ballots.0.choice', 'invalid_value'],
      [{ publicityDays: 3 }, 'body.publicityDays', 'publicity_too_short'],
    ];
    for (const [patch, path, code] of cases) {
      const res = await street.post('/api/v1/votes/held', { ...base, ...patch });
      expect(res.statusCode, `${path} ${code}`).toBe(400);
      expect(res.json().errors[0], `${path} ${code}`).toMatchObject({ path, code });
    }
    // a resident may not record, a street may not record in another street's community
    expect((await resident.post('/api/v1/votes/held', base)).statusCode).toBe(403);
    expect(
      (await street.post('/api/v1/votes/held', { ...base, communityId: foreignCommunity!.id })).statusCode,
    ).toBe(404);
    expect({
      votes: await count('owner_vote'),
      ballots: await count('owner_vote_ballot'),
      audit: await count('audit_log'),
    }).toEqual(before);
  });
});
