import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type BallotChoice, type MatterType, ruleSetOn } from '../../contracts/votes';
import type { AppContext } from '../context';
import { copyRows } from '../db/copy';
import {
  apportion,
  commercialDeposit,
  divRound,
  publicBuyerDeposit,
  publicSellerDeposit,
  sellerMinimumBp,
} from '../modules/funds/funds.ledger';
import { checkDepletion } from '../modules/funds/funds.usecases';
import { remindReelections } from '../modules/owners/owners.usecases';
import { ownerKeyOf, type RollEntry, tallyVote } from '../modules/votes/votes.tally';
import { addDays, addYears, shanghaiDate } from '../platform/dates';
import * as hp from './huangpu';
import { Random } from './random';

// Owners' self-governance and the maintenance fund of the demo district, deterministic from its
// seed: owners of every unit in 五里桥 and 外滩 (developer's unsold and undelivered units, co-owners,
// buyers of several units), the fund ledger of every commercial and sold public community, votes,
// owners' committees with the eight systems partly evidenced, fund uses, a depleted community with
// its re-collection, property fees, five-in-one meetings, training and mediation. Dates that must
// stay current (open vote, recent evidence) count from the day of seeding.

const OWNER_STREETS = ['五里桥街道', '外滩街道'];

interface UnitRow {
  id: number;
  streetId: number;
  communityId: number;
  buildingId: number;
  buildingName: string;
  floors: number;
  number: string;
  area: string;
}

interface CommunityRow {
  id: number;
  streetId: number;
  streetName: string;
  committeeId: number | null;
  name: string;
  housingType: string;
  buildYear: number;
  developerOrgId: number | null;
  propertyOrgId: number | null;
  floorArea: string;
}

interface Holding {
  unitId: number;
  developer: boolean;
  persons: number[];
  delivered: boolean;
}

const hundredths = (a: string) => BigInt(a.replace('.', ''));

class Ids {
  private next: Record<string, number> = {};
  constructor(private client: pg.PoolClient) {}
  async start(table: string) {
    const r = await this.client.query(`select coalesce(max(id), 0)::bigint as m from ${table}`);
    this.next[table] = Number(r.rows[0].m) + 1;
  }
  take(table: string): number {
    const id = this.next[table]!;
    this.next[table] = id + 1;
    return id;
  }
}

function idNumberOf(rng: Random, taken: Set<string>): string {
  for (;;) {
    const y = rng.int(1940, 1995);
    const body = `310101${y}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(0, 999)).padStart(3, '0')}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]!;
    const id = body + '10X98765432'[sum % 11];
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function personName(rng: Random): string {
  return (
    rng.pick([...hp.familyNames]) +
    rng.pick([...hp.givenNames]) +
    (rng.chance(0.6) ? rng.pick([...hp.givenNames]) : '')
  );
}

function phoneOf(rng: Random): string {
  return `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999999999)).padStart(9, '0')}`;
}

async function insertReturning(
  client: pg.PoolClient,
  table: string,
  row: Record<string, unknown>,
): Promise<number> {
  const cols = Object.keys(row);
  const values = cols.map((c) => {
    const v = row[c];
    // objects and arrays go to jsonb columns; PostgreSQL arrays are passed as '{...}' text
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  });
  const r = await client.query(
    `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    values,
  );
  return Number(r.rows[0].id);
}

export async function seedGovernance(ctx: AppContext, opts: { seed: number }) {
  const rng = new Random(opts.seed + 6);
  const today = shanghaiDate();
  const counts: Record<string, number> = {};
  const client = await ctx.database.pool.connect();
  try {
    await client.query('begin');
    const ids = new Ids(client);
    for (const t of [
      'person',
      'unit_owner',
      'fund_account',
      'fund_journal_entry',
      'fund_journal_line',
      'owner_vote_ballot',
    ])
      await ids.start(t);

    const communities: CommunityRow[] = (
      await client.query(`
        select c.id, c.street_id as "streetId", s.name as "streetName", c.committee_id as "committeeId", c.name,
               c.housing_type as "housingType", c.build_year as "buildYear", c.developer_org_id as "developerOrgId",
               c.property_org_id as "propertyOrgId", c.floor_area::text as "floorArea"
        from community c join street s on s.id = c.street_id order by c.id`)
    ).rows;
    const units: UnitRow[] = (
      await client.query(`
        select u.id, u.street_id as "streetId", u.community_id as "communityId", u.building_id as "buildingId",
               b.name as "buildingName", b.floors, u.number, u.exclusive_area::text as area
        from unit u join building b on b.id = u.building_id order by u.id`)
    ).rows.map((r) => ({ ...r, id: Number(r.id), buildingId: Number(r.buildingId) }));
    const unitsOf = new Map<number, UnitRow[]>();
    for (const u of units) unitsOf.set(u.communityId, [...(unitsOf.get(u.communityId) ?? []), u]);
    const account = async (username: string) =>
      (
        await client.query(
          `select u.id as "userId", u.person_id as "personId", u.display_name as "displayName", r.community_id as "communityId",
                  r.unit_id as "unitId", r.street_id as "streetId", r.committee_id as "committeeId"
           from user_account u join role_assignment r on r.user_id = u.id where u.username = $1`,
          [username],
        )
      ).rows[0] as {
        userId: number;
        personId: number;
        displayName: string;
        communityId: number | null;
        unitId: number | null;
        streetId: number | null;
        committeeId: number | null;
      };
    const resident = await account('resident');
    const ownersCommitteeAccount = await account('owners_committee');
    const committeeAccount = await account('committee');
    const mediatorAccount = await account('mediator');
    const streetAccount = await account('street');
    const admin = await account('district_admin');
    const demo = communities.find((c) => c.id === ownersCommitteeAccount.communityId)!;
    const wuliqiao = demo.streetId;
    const districtId = (await client.query('select id from district limit 1')).rows[0].id as number;

    // ---------------------------------------------------------------------------------------
    // Owners of every unit in the two demo streets
    const personRows: unknown[][] = [];
    const taken = new Set<string>();
    const newPerson = (name = personName(rng)) => {
      const id = ids.take('person');
      const idNumber = idNumberOf(rng, taken);
      const phone = phoneOf(rng);
      personRows.push([
        id,
        name,
        ctx.cipher.encrypt(phone),
        ctx.cipher.index(phone),
        ctx.cipher.encrypt(idNumber),
        ctx.cipher.index(idNumber),
      ]);
      return id;
    };
    const holdings = new Map<number, Holding>();
    const ownerRows: unknown[][] = [];
    for (const c of communities.filter((x) => OWNER_STREETS.includes(x.streetName))) {
      let previous: number[] | null = null;
      for (const u of unitsOf.get(c.id) ?? []) {
        const since = `${c.buildYear + 1 + (u.id % 20 === 0 ? rng.int(5, 20) : 0)}-${String(rng.int(1, 12)).padStart(2, '0')}-15`;
        let h: Holding;
        if (c.developerOrgId && rng.chance(0.04))
          h = { unitId: u.id, developer: true, persons: [], delivered: true };
        else if (previous && rng.chance(0.04))
          h = { unitId: u.id, developer: false, persons: previous, delivered: true };
        else {
          const persons = [newPerson()];
          if (rng.chance(0.3)) persons.push(newPerson());
          h = { unitId: u.id, developer: false, persons, delivered: !(c.developerOrgId && rng.chance(0.02)) };
          previous = persons;
        }
        if (u.id === resident.unitId)
          h = { unitId: u.id, developer: false, persons: [resident.personId], delivered: true };
        holdings.set(u.id, h);
        if (h.developer)
          ownerRows.push([
            ids.take('unit_owner'),
            u.streetId,
            c.id,
            u.id,
            'developer',
            null,
            c.developerOrgId,
            true,
            since,
          ]);
        for (const p of h.persons)
          ownerRows.push([
            ids.take('unit_owner'),
            u.streetId,
            c.id,
            u.id,
            'person',
            p,
            null,
            h.delivered,
            since,
          ]);
      }
    }
    // the owners' committee account owns the first unit of its community
    const demoUnits = unitsOf.get(demo.id)!;
    const ocUnit = demoUnits.find((u) => !holdings.get(u.id)!.developer && u.id !== resident.unitId)!;
    const kept = ownerRows.filter((r) => r[3] !== ocUnit.id);
    kept.push([
      ids.take('unit_owner'),
      ocUnit.streetId,
      demo.id,
      ocUnit.id,
      'person',
      ownersCommitteeAccount.personId,
      null,
      true,
      '2012-05-15',
    ]);
    holdings.set(ocUnit.id, {
      unitId: ocUnit.id,
      developer: false,
      persons: [ownersCommitteeAccount.personId],
      delivered: true,
    });
    counts.owners = await copyRows(
      client,
      'person',
      ['id', 'name', 'phone_enc', 'phone_index', 'id_number_enc', 'id_number_index'],
      personRows as never,
    );
    counts.unitOwners = await copyRows(
      client,
      'unit_owner',
      [
        'id',
        'street_id',
        'community_id',
        'unit_id',
        'kind',
        'person_id',
        'organization_id',
        'delivered',
        'since',
      ],
      kept as never,
    );
    // the demo accounts' persons need ID numbers too (so they can be found on import)
    for (const a of [resident, ownersCommitteeAccount]) {
      const idNumber = idNumberOf(rng, taken);
      await client.query('update person set id_number_enc = $1, id_number_index = $2 where id = $3', [
        ctx.cipher.encrypt(idNumber),
        ctx.cipher.index(idNumber),
        a.personId,
      ]);
    }

    // ---------------------------------------------------------------------------------------
    // Maintenance fund ledger
    const fundCommunities = communities.filter((c) =>
      ['commercial', 'mixed', 'sold_public_estate'].includes(c.housingType),
    );
    const accountRows: unknown[][] = [];
    const entryRows: unknown[][] = [];
    const lineRows: unknown[][] = [];
    const accountIds = new Map<string, number>();
    const accountOf = (
      c: CommunityRow,
      kind: string,
      fundType: string | null,
      buildingId: number | null,
      unitId: number | null,
    ) => {
      const key = `${c.id}|${kind}|${fundType}|${buildingId}|${unitId}`;
      let id = accountIds.get(key);
      if (!id) {
        id = ids.take('fund_account');
        accountIds.set(key, id);
        accountRows.push([id, c.streetId, c.id, kind, fundType, buildingId, unitId]);
        if (kind === 'bank') bankAccounts.add(id);
      }
      return id;
    };
    const balances = new Map<number, bigint>(); // account → credit-side balance
    const bankAccounts = new Set<number>();
    const ownersSide = new Map<number, bigint>(); // community → owners' side balance
    const post = (
      c: CommunityRow,
      kind: string,
      entryDate: string,
      memo: string,
      ref: { type: string; id: number } | null,
      lines: [number, bigint, bigint][],
    ) => {
      const entryId = ids.take('fund_journal_entry');
      entryRows.push([
        entryId,
        c.streetId,
        c.id,
        kind,
        entryDate,
        memo,
        ref?.type ?? null,
        ref?.id ?? null,
        admin.userId,
      ]);
      let d = 0n;
      let cr = 0n;
      for (const [accountId, debit, credit] of lines) {
        if (debit === 0n && credit === 0n) continue;
        lineRows.push([ids.take('fund_journal_line'), entryId, c.streetId, accountId, debit, credit]);
        balances.set(accountId, (balances.get(accountId) ?? 0n) + credit - debit);
        if (!bankAccounts.has(accountId)) ownersSide.set(c.id, (ownersSide.get(c.id) ?? 0n) + credit - debit);
        d += debit;
        cr += credit;
      }
      if (d !== cr) throw new Error(`demo ledger: entry ${entryId} does not balance`);
      return entryId;
    };
    const fundRows: unknown[][] = [];
    const primaryOf = new Map<number, string>();
    for (const c of fundCommunities) {
      const us = unitsOf.get(c.id) ?? [];
      const bank = accountOf(c, 'bank', null, null, null);
      if (c.housingType === 'sold_public_estate') {
        const entryDate = `${Math.max(c.buildYear, 1996) + 1}-06-30`;
        const lines: [number, bigint, bigint][] = [];
        const proceeds = new Map<number, { sum: bigint; floors: number }>();
        let total = 0n;
        for (const u of us) {
          const price = divRound(hundredths(u.area) * BigInt(rng.int(900, 1400) * 100), 100n);
          const fen = publicBuyerDeposit(price);
          lines.push([accountOf(c, 'unit', 'public_buyer', null, u.id), 0n, fen]);
          total += fen;
          const p = proceeds.get(u.buildingId) ?? { sum: 0n, floors: u.floors };
          p.sum += price;
          proceeds.set(u.buildingId, p);
        }
        for (const [buildingId, p] of proceeds) {
          const fen = publicSellerDeposit(p.sum, sellerMinimumBp(p.floors));
          lines.push([accountOf(c, 'building', 'public_seller', buildingId, null), 0n, fen]);
          total += fen;
        }
        lines.push([bank, total, 0n]);
        post(c, 'initial_deposit', entryDate, '售后公房维修资金首期归集', null, lines);
        fundRows.push([c.id, c.streetId, 'sold_public', 'public_buyer', null, null, 'not_applicable']);
        primaryOf.set(c.id, 'public_buyer');
      } else {
        const cost = BigInt(rng.int(15, 25) * 10000); // 1500–2500 元/m²
        const rate = rng.pick([500, 550, 600, 650, 700, 750, 800]);
        const entryDate = `${c.buildYear + 1}-03-31`;
        const lines: [number, bigint, bigint][] = [];
        let total = 0n;
        for (const u of us) {
          const fen = commercialDeposit(hundredths(u.area), cost, rate);
          lines.push([accountOf(c, 'unit', 'commercial', null, u.id), 0n, fen]);
          total += fen;
        }
        lines.push([bank, total, 0n]);
        post(c, 'initial_deposit', entryDate, '商品住宅维修资金首期交存', null, lines);
        const uncollected = c.buildYear < 2006 && c.id !== demo.id && rng.chance(0.5);
        fundRows.push([
          c.id,
          c.streetId,
          'commercial',
          'commercial',
          Number(cost),
          rate,
          uncollected ? 'uncollected' : 'collected',
        ]);
        primaryOf.set(c.id, 'commercial');
      }
    }
    const interest = (c: CommunityRow, year: number) => {
      const bank = accountIds.get(`${c.id}|bank|null|null|null`)!;
      // about 1.5% of the owners' side balance, allocated by area
      const amount = ((ownersSide.get(c.id) ?? 0n) * 15n) / 1000n;
      if (amount <= 0n) return;
      const us = unitsOf.get(c.id)!;
      const shares = apportion(
        amount,
        us.map((u) => ({ id: u.id, weight: hundredths(u.area) })),
      );
      post(c, 'interest', `${year}-12-31`, `${year} 年度利息`, null, [
        [bank, amount, 0n],
        ...[...shares].map(([unitId, fen]): [number, bigint, bigint] => [
          accountOf(c, 'unit', primaryOf.get(c.id)!, null, unitId),
          0n,
          fen,
        ]),
      ]);
    };

    // fund uses, votes and disclosures of the demo community and the depleted one
    const disbursement = (
      c: CommunityRow,
      fundUseId: number,
      scope: UnitRow[],
      amount: bigint,
      paidOn: string,
      memo: string,
    ) => {
      const bank = accountIds.get(`${c.id}|bank|null|null|null`)!;
      const shares = apportion(
        amount,
        scope.map((u) => ({ id: u.id, weight: hundredths(u.area) })),
      );
      return post(c, 'disbursement', paidOn, memo, { type: 'fund_use', id: fundUseId }, [
        ...[...shares].map(([unitId, fen]): [number, bigint, bigint] => [
          accountOf(c, 'unit', primaryOf.get(c.id)!, null, unitId),
          fen,
          0n,
        ]),
        [bank, 0n, amount],
      ]);
    };
    const unitBalance = (c: CommunityRow, unitId: number) =>
      balances.get(accountIds.get(`${c.id}|unit|${primaryOf.get(c.id)}|null|${unitId}`) ?? -1) ?? 0n;

    const voteIds: Record<string, number> = {};
    const rollRows: unknown[][] = [];
    const ballotRows: unknown[][] = [];
    const rollOf = (c: CommunityRow): (RollEntry & { persons: number[]; u: UnitRow })[] =>
      (unitsOf.get(c.id) ?? []).map((u) => {
        const h = holdings.get(u.id);
        return {
          unitId: u.id,
          areaHundredths: hundredths(u.area),
          ownerKey: ownerKeyOf({
            unitId: u.id,
            developerHeld: h?.developer ?? false,
            owners: (h?.persons ?? []).map((p) => ({ personId: p, delivered: h!.delivered })),
          }),
          persons: h?.persons ?? [],
          u,
        };
      });
    // paper ballots point at a scan; the demo keeps one small PDF per community for all of them
    const scans = new Map<number, number>();
    const scanPdf = Buffer.from('%PDF-1.4\n% Anju demo: scanned paper ballots\n%%EOF\n', 'latin1');
    const scanOf = (c: CommunityRow) => scans.get(c.id)!;
    const prepareScan = async (c: CommunityRow) => {
      if (scans.has(c.id)) return;
      const r = await client.query(
        `insert into file (street_id, community_id, name, mime, size, sha256, content, created_by)
         values ($1, $2, $3, 'application/pdf', $4, $5, $6, $7) returning id`,
        [
          c.streetId,
          c.id,
          '纸质表决票扫描件.pdf',
          scanPdf.length,
          createHash('sha256').update(scanPdf).digest('hex'),
          scanPdf,
          ownersCommitteeAccount.userId,
        ],
      );
      scans.set(c.id, Number(r.rows[0].id));
    };
    /** A vote with its frozen roll and ballots; closed ones carry their tally and disclosure. */
    const seedVote = async (
      key: string,
      c: CommunityRow,
      v: {
        title: string;
        matter: MatterType;
        openedOn: string;
        closesAt: string;
        turnout: number;
        support: number;
        open?: boolean;
        fundUseId?: number | null;
        skipUnits?: number[];
      },
    ) => {
      await prepareScan(c);
      const roll = rollOf(c);
      const ballots: { unitId: number; choice: BallotChoice; channel: string; person: number | null }[] = [];
      const byKey = new Map<string, BallotChoice>();
      for (const r of roll) {
        if (v.skipUnits?.includes(r.unitId) || !rng.chance(v.turnout)) continue;
        // an owner of several units votes the same way with each of them
        const choice =
          byKey.get(r.ownerKey) ?? (rng.chance(v.support) ? 'for' : rng.chance(0.7) ? 'against' : 'abstain');
        byKey.set(r.ownerKey, choice);
        const online = r.persons.length > 0 && rng.chance(0.6);
        ballots.push({
          unitId: r.unitId,
          choice,
          channel: online ? 'online' : 'paper',
          person: online ? r.persons[0]! : null,
        });
      }
      const ruleSet = ruleSetOn(v.openedOn);
      const result = v.open ? null : tallyVote(roll, ballots, ruleSet, v.matter);
      const closedAt = v.open ? null : v.closesAt;
      const publicUntil = v.open ? null : addDays(v.closesAt.slice(0, 10), 14);
      const id = await insertReturning(client, 'owner_vote', {
        street_id: c.streetId,
        community_id: c.id,
        title: v.title,
        matter_type: v.matter,
        description: `${v.title}。表决期间为 ${v.openedOn} 至 ${v.closesAt.slice(0, 10)}。`,
        status: v.open ? 'open' : 'closed',
        rule_set: ruleSet,
        opened_at: `${v.openedOn}T09:00:00+08:00`,
        opened_on: v.openedOn,
        closes_at: v.closesAt,
        closed_at: closedAt,
        result,
        passed: result?.passed ?? null,
        public_until: publicUntil,
        fund_use_id: v.fundUseId ?? null,
        created_by: ownersCommitteeAccount.userId,
        version: v.open ? 1 : 2,
      });
      voteIds[key] = id;
      for (const r of roll)
        rollRows.push([
          id,
          r.unitId,
          c.streetId,
          r.u.buildingName,
          r.u.number,
          r.u.area,
          r.ownerKey,
          `{${r.persons.join(',')}}`,
        ]);
      const closesOn = v.closesAt.slice(0, 10);
      const span = Math.max(
        1,
        Date.parse(`${v.open ? today : closesOn}T00:00:00Z`) / 86400000 -
          Date.parse(`${v.openedOn}T00:00:00Z`) / 86400000,
      );
      const castDay = (i: number) =>
        `${addDays(v.openedOn, i % span)}T${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`;
      ballots.forEach((b, i) => {
        ballotRows.push([
          ids.take('owner_vote_ballot'),
          id,
          b.unitId,
          c.streetId,
          b.choice,
          b.channel,
          b.person,
          b.channel === 'online' ? null : ownersCommitteeAccount.userId,
          b.channel === 'paper' ? scanOf(c) : null,
          b.channel === 'paper' ? `业主${i + 1}` : null,
          castDay(i),
        ]);
      });
      if (result) {
        const disclosureId = await insertReturning(client, 'disclosure', {
          street_id: c.streetId,
          community_id: c.id,
          category: 'vote_result',
          title: v.title,
          body: `${v.title}表决结果公示。`,
          data: result,
          source_type: 'vote',
          source_id: id,
          published_at: closedAt,
          visible_until: publicUntil,
          published_by: ownersCommitteeAccount.userId,
          published_by_label: ownersCommitteeAccount.displayName,
        });
        await client.query('update owner_vote set disclosure_id = $1 where id = $2', [disclosureId, id]);
      }
      return { id, result };
    };
    const fundUse = async (
      c: CommunityRow,
      row: Record<string, unknown>,
      events: [string, string | null, string, string][],
    ) => {
      const id = await insertReturning(client, 'fund_use', {
        street_id: c.streetId,
        community_id: c.id,
        created_by: ownersCommitteeAccount.userId,
        ...row,
      });
      for (const [action, from, to, at] of events)
        await insertReturning(client, 'fund_use_event', {
          street_id: c.streetId,
          fund_use_id: id,
          action,
          from_status: from,
          to_status: to,
          by_user_id:
            action === 'approve' || action === 'tranche' ? admin.userId : ownersCommitteeAccount.userId,
          by_label:
            action === 'approve' || action === 'tranche'
              ? admin.displayName
              : ownersCommitteeAccount.displayName,
          at,
        });
      return id;
    };
    const tranche = async (
      c: CommunityRow,
      fundUseId: number,
      seq: number,
      amount: bigint,
      paidOn: string,
      payee: string,
      entryId: number,
    ) =>
      insertReturning(client, 'fund_use_tranche', {
        street_id: c.streetId,
        fund_use_id: fundUseId,
        seq,
        amount_fen: Number(amount),
        paid_on: paidOn,
        payee,
        entry_id: entryId,
      });
    const discloseUse = async (
      c: CommunityRow,
      fundUseId: number,
      title: string,
      at: string,
      data: Record<string, unknown>,
    ) => {
      const id = await insertReturning(client, 'disclosure', {
        street_id: c.streetId,
        community_id: c.id,
        category: 'fund_use',
        title,
        body: `${title}：使用维修资金情况公示。`,
        data,
        source_type: 'fund_use',
        source_id: fundUseId,
        published_at: at,
        visible_until: addDays(at.slice(0, 10), 30),
        published_by: ownersCommitteeAccount.userId,
        published_by_label: ownersCommitteeAccount.displayName,
      });
      await client.query('update fund_use set disclosure_id = $1 where id = $2', [id, fundUseId]);
    };

    // interest for the last two full years everywhere
    const year = Number(today.slice(0, 4));
    for (const c of fundCommunities) interest(c, year - 2);

    // demo community: history of votes, an elevator repair paid in two tranches, an emergency, an open vote
    await seedVote('hire2016', demo, {
      title: '选聘物业服务企业',
      matter: 'property_company',
      openedOn: '2016-04-06',
      closesAt: '2016-04-30T17:00:00+08:00',
      turnout: 0.8,
      support: 0.82,
    });
    await seedVote('elevator2019', demo, {
      title: '使用维修资金更新 3 号楼电梯',
      matter: 'use_fund',
      openedOn: '2019-09-02',
      closesAt: '2019-09-30T17:00:00+08:00',
      turnout: 0.72,
      support: 0.8,
    });
    await seedVote('rules2023', demo, {
      title: '修订管理规约',
      matter: 'management_rules',
      openedOn: '2023-05-08',
      closesAt: '2023-05-31T17:00:00+08:00',
      turnout: 0.83,
      support: 0.9,
    });
    const demoBuildings = [...new Set(demoUnits.map((u) => u.buildingId))];
    const elevatorScope = demoUnits.filter(
      (u) => u.buildingId === demoBuildings[Math.min(2, demoBuildings.length - 1)],
    );
    const elevatorUse = await fundUse(
      demo,
      {
        path: 'normal',
        title: '3 号楼电梯维修更新',
        description: '3 号楼两台电梯主机及控制柜更新，经业主大会表决通过。',
        payee: '上海安迅电梯工程有限公司',
        budget_fen: 0,
        status: 'disclosed',
        building_ids: `{${elevatorScope[0]!.buildingId}}`,
        created_at: '2024-03-01T10:00:00+08:00',
        updated_at: '2024-11-20T10:00:00+08:00',
        version: 8,
      },
      [
        ['create', null, 'draft', '2024-03-01T10:00:00+08:00'],
        ['start_vote', 'draft', 'voting', '2024-03-11T09:00:00+08:00'],
        ['confirm', 'voting', 'committee_confirmed', '2024-04-12T15:00:00+08:00'],
        ['submit', 'committee_confirmed', 'submitted', '2024-04-15T10:00:00+08:00'],
        ['approve', 'submitted', 'bureau_approved', '2024-04-28T16:00:00+08:00'],
        ['tranche', 'bureau_approved', 'disbursing', '2024-06-03T10:00:00+08:00'],
        ['tranche', 'disbursing', 'disbursing', '2024-10-15T10:00:00+08:00'],
        ['accept', 'disbursing', 'accepted', '2024-10-30T10:00:00+08:00'],
        ['disclose', 'accepted', 'disclosed', '2024-11-20T10:00:00+08:00'],
      ],
    );
    const elevatorVote = await seedVote('elevator2024', demo, {
      title: '使用维修资金维修更新 3 号楼电梯',
      matter: 'use_fund',
      openedOn: '2024-03-11',
      closesAt: '2024-04-10T17:00:00+08:00',
      turnout: 0.85,
      support: 0.88,
      fundUseId: elevatorUse,
    });
    const scopeBalance = elevatorScope.reduce((s, u) => s + unitBalance(demo, u.id), 0n);
    const elevatorCost = (scopeBalance * 35n) / 100n;
    const first = (elevatorCost * 7n) / 10n;
    const e1 = disbursement(demo, elevatorUse, elevatorScope, first, '2024-06-03', '3 号楼电梯维修更新 #1');
    const e2 = disbursement(
      demo,
      elevatorUse,
      elevatorScope,
      elevatorCost - first,
      '2024-10-15',
      '3 号楼电梯维修更新 #2',
    );
    await client.query('update fund_use set budget_fen = $1, approved_fen = $1, vote_id = $2 where id = $3', [
      Number(elevatorCost),
      elevatorVote.id,
      elevatorUse,
    ]);
    await discloseUse(demo, elevatorUse, '3 号楼电梯维修更新', '2024-11-20T10:00:00+08:00', {
      path: 'normal',
      budgetFen: Number(elevatorCost),
      approvedFen: Number(elevatorCost),
      disbursedFen: Number(elevatorCost),
      scopeUnits: elevatorScope.length,
      voteId: elevatorVote.id,
    });

    const roofScope = demoUnits.filter((u) => u.buildingId === demoBuildings[0]);
    const roofCost = (roofScope.reduce((s, u) => s + unitBalance(demo, u.id), 0n) * 6n) / 100n;
    const roofDate = addDays(today, -75);
    const roofUse = await fundUse(
      demo,
      {
        path: 'emergency',
        emergency_kind: 'roof_leak',
        title: '1 号楼屋面渗漏应急维修',
        description: '暴雨后 1 号楼顶层多户渗漏，按应急程序先行维修，事后公示。',
        payee: '上海申房修缮工程有限公司',
        budget_fen: Number(roofCost),
        approved_fen: Number(roofCost),
        status: 'disclosed',
        building_ids: `{${roofScope[0]!.buildingId}}`,
        created_at: `${roofDate}T08:30:00+08:00`,
        updated_at: `${addDays(roofDate, 20)}T10:00:00+08:00`,
        version: 5,
      },
      [
        ['create', null, 'draft', `${roofDate}T08:30:00+08:00`],
        ['submit', 'draft', 'submitted', `${roofDate}T09:00:00+08:00`],
        ['approve', 'submitted', 'bureau_approved', `${roofDate}T14:00:00+08:00`],
        ['tranche', 'bureau_approved', 'disbursing', `${addDays(roofDate, 6)}T10:00:00+08:00`],
        ['accept', 'disbursing', 'accepted', `${addDays(roofDate, 12)}T10:00:00+08:00`],
        ['disclose', 'accepted', 'disclosed', `${addDays(roofDate, 20)}T10:00:00+08:00`],
      ],
    );
    const e3 = disbursement(
      demo,
      roofUse,
      roofScope,
      roofCost,
      addDays(roofDate, 6),
      '1 号楼屋面渗漏应急维修 #1',
    );
    await discloseUse(demo, roofUse, '1 号楼屋面渗漏应急维修', `${addDays(roofDate, 20)}T10:00:00+08:00`, {
      path: 'emergency',
      emergencyKind: 'roof_leak',
      budgetFen: Number(roofCost),
      approvedFen: Number(roofCost),
      disbursedFen: Number(roofCost),
      scopeUnits: roofScope.length,
    });

    // open: the exterior wall repair plan is with the owners now; the resident has not voted yet
    const wallUse = await fundUse(
      demo,
      {
        path: 'normal',
        title: '小区外墙渗漏及空鼓修缮',
        description: '全体楼栋外墙渗漏、空鼓修缮，按专有部分面积分摊。',
        payee: '',
        budget_fen: Number((demoUnits.reduce((s, u) => s + unitBalance(demo, u.id), 0n) * 12n) / 100n),
        status: 'voting',
        created_at: `${addDays(today, -10)}T10:00:00+08:00`,
        updated_at: `${addDays(today, -3)}T09:00:00+08:00`,
        version: 1,
      },
      [
        ['create', null, 'draft', `${addDays(today, -10)}T10:00:00+08:00`],
        ['start_vote', 'draft', 'voting', `${addDays(today, -3)}T09:00:00+08:00`],
      ],
    );
    const wallVote = await seedVote('wall', demo, {
      title: '使用维修资金修缮小区外墙',
      matter: 'use_fund',
      openedOn: addDays(today, -3),
      closesAt: `${addDays(today, 14)}T17:00:00+08:00`,
      turnout: 0.45,
      support: 0.85,
      open: true,
      fundUseId: wallUse,
      skipUnits: [resident.unitId!, ocUnit.id],
    });
    await client.query('update fund_use set vote_id = $1 where id = $2', [wallVote.id, wallUse]);

    // a depleted community in 五里桥: a large repair years ago, now re-collecting
    // a commercial-scheme community: deposits are proportional to area, so an area-apportioned repair
    // leaves every unit near 18% of its first deposit
    const candidates = fundCommunities.filter(
      (c) => c.streetId === wuliqiao && c.id !== demo.id && (unitsOf.get(c.id)?.length ?? 0) > 0,
    );
    const depleted = candidates.find((c) => primaryOf.get(c.id) === 'commercial') ?? candidates[0]!;
    const depletedUnits = unitsOf.get(depleted.id)!;
    const bigUse = await fundUse(
      depleted,
      {
        path: 'normal',
        title: '外墙及屋面综合维修',
        description: '全体楼栋外墙、屋面防水综合维修。',
        payee: '上海申房修缮工程有限公司',
        budget_fen: 0,
        status: 'disclosed',
        created_at: '2021-03-01T10:00:00+08:00',
        updated_at: '2021-12-10T10:00:00+08:00',
        version: 8,
      },
      [
        ['create', null, 'draft', '2021-03-01T10:00:00+08:00'],
        ['start_vote', 'draft', 'voting', '2021-03-15T09:00:00+08:00'],
        ['confirm', 'voting', 'committee_confirmed', '2021-04-20T10:00:00+08:00'],
        ['submit', 'committee_confirmed', 'submitted', '2021-04-22T10:00:00+08:00'],
        ['approve', 'submitted', 'bureau_approved', '2021-05-10T10:00:00+08:00'],
        ['tranche', 'bureau_approved', 'disbursing', '2021-07-01T10:00:00+08:00'],
        ['accept', 'disbursing', 'accepted', '2021-11-20T10:00:00+08:00'],
        ['disclose', 'accepted', 'disclosed', '2021-12-10T10:00:00+08:00'],
      ],
    );
    const bigVote = await seedVote('depletedRepair', depleted, {
      title: '使用维修资金进行外墙及屋面综合维修',
      matter: 'use_fund',
      openedOn: '2021-03-15',
      closesAt: '2021-04-15T17:00:00+08:00',
      turnout: 0.86,
      support: 0.9,
      fundUseId: bigUse,
    });
    // leaves every unit at about 18% of what it had
    const bigCost = (depletedUnits.reduce((s, u) => s + unitBalance(depleted, u.id), 0n) * 82n) / 100n;
    const e4 = disbursement(depleted, bigUse, depletedUnits, bigCost, '2021-07-01', '外墙及屋面综合维修 #1');
    await client.query('update fund_use set budget_fen = $1, approved_fen = $1, vote_id = $2 where id = $3', [
      Number(bigCost),
      bigVote.id,
      bigUse,
    ]);
    await discloseUse(depleted, bigUse, '外墙及屋面综合维修', '2021-12-10T10:00:00+08:00', {
      path: 'normal',
      budgetFen: Number(bigCost),
      approvedFen: Number(bigCost),
      disbursedFen: Number(bigCost),
      scopeUnits: depletedUnits.length,
    });
    for (const c of fundCommunities) interest(c, year - 1);
    const raise = await seedVote('raise', depleted, {
      title: '续筹专项维修资金',
      matter: 'raise_fund',
      openedOn: addDays(today, -120),
      closesAt: `${addDays(today, -90)}T17:00:00+08:00`,
      turnout: 0.88,
      support: 0.93,
    });
    const campaignStart = addDays(today, -80);
    const campaignId = await insertReturning(client, 'fund_recollection_campaign', {
      street_id: depleted.streetId,
      community_id: depleted.id,
      vote_id: raise.id,
      title: `${depleted.name}维修资金续筹`,
      scope: 'depleted_units',
      rate_fen_per_m2: 3000,
      start_on: campaignStart,
      deadline_on: addDays(addYears(campaignStart, 3), -1),
      instalments: 6,
      created_by: ownersCommitteeAccount.userId,
    });
    const householdRows: unknown[][] = [];
    const recollectedType =
      primaryOf.get(depleted.id) === 'public_buyer' ? 'public_recollected' : primaryOf.get(depleted.id)!;
    for (const u of depletedUnits) {
      const due = divRound(hundredths(u.area) * 3000n, 100n);
      householdRows.push([campaignId, u.id, u.streetId, Number(due)]);
      const r = rng.next();
      const paid = r < 0.35 ? due : r < 0.7 ? due / 6n : 0n;
      if (paid > 0n)
        post(
          depleted,
          'recollection',
          addDays(campaignStart, rng.int(1, 60)),
          `${depleted.name}维修资金续筹`,
          { type: 'recollection', id: campaignId },
          [
            [accountIds.get(`${depleted.id}|bank|null|null|null`)!, paid, 0n],
            [accountOf(depleted, 'unit', recollectedType, null, u.id), 0n, paid],
          ],
        );
    }

    counts.fundAccounts = await copyRows(
      client,
      'fund_account',
      ['id', 'street_id', 'community_id', 'kind', 'fund_type', 'building_id', 'unit_id'],
      accountRows as never,
    );
    counts.journalEntries = await copyRows(
      client,
      'fund_journal_entry',
      ['id', 'street_id', 'community_id', 'kind', 'entry_date', 'memo', 'ref_type', 'ref_id', 'created_by'],
      entryRows as never,
    );
    counts.journalLines = await copyRows(
      client,
      'fund_journal_line',
      ['id', 'entry_id', 'street_id', 'account_id', 'debit_fen', 'credit_fen'],
      lineRows.map((r) => r.map((v) => (typeof v === 'bigint' ? v.toString() : v))) as never,
    );
    await copyRows(
      client,
      'fund_community',
      [
        'community_id',
        'street_id',
        'scheme',
        'primary_fund_type',
        'construction_cost_fen_per_m2',
        'deposit_rate_bp',
        'developer_share_status',
      ],
      fundRows as never,
    );
    await copyRows(
      client,
      'fund_recollection_household',
      ['campaign_id', 'unit_id', 'street_id', 'due_fen'],
      householdRows as never,
    );
    const elevatorTranches = [first, elevatorCost - first];
    await tranche(demo, elevatorUse, 1, elevatorTranches[0]!, '2024-06-03', '上海安迅电梯工程有限公司', e1);
    await tranche(demo, elevatorUse, 2, elevatorTranches[1]!, '2024-10-15', '上海安迅电梯工程有限公司', e2);
    await tranche(demo, roofUse, 1, roofCost, addDays(roofDate, 6), '上海申房修缮工程有限公司', e3);
    await tranche(depleted, bigUse, 1, bigCost, '2021-07-01', '上海申房修缮工程有限公司', e4);
    counts.votes = Object.keys(voteIds).length;
    await copyRows(
      client,
      'owner_vote_roll',
      [
        'vote_id',
        'unit_id',
        'street_id',
        'building_name',
        'unit_number',
        'exclusive_area',
        'owner_key',
        'owner_person_ids',
      ],
      rollRows as never,
    );
    counts.ballots = await copyRows(
      client,
      'owner_vote_ballot',
      [
        'id',
        'vote_id',
        'unit_id',
        'street_id',
        'choice',
        'channel',
        'voter_person_id',
        'cast_by',
        'scan_file_id',
        'signed_by',
        'cast_at',
      ],
      ballotRows as never,
    );

    // ---------------------------------------------------------------------------------------
    // Owners' committees: members, the eight systems partly evidenced, meetings
    const committees = (
      await client.query(
        `select id, street_id, community_id, term_start::text, term_end::text from owners_committee order by id`,
      )
    ).rows as { id: number; street_id: number; community_id: number; term_start: string; term_end: string }[];
    const systems = [
      'reception',
      'regular_meetings',
      'annual_report',
      'major_matters',
      'owner_evaluation',
      'information_disclosure',
      'fund_disclosure',
      'archives',
    ];
    const evidenceTitles: Record<string, string> = {
      reception: '业委会接待日登记表',
      regular_meetings: '业委会例会会议记录',
      annual_report: '年度工作报告',
      major_matters: '重大事项报告（报街道房管办）',
      owner_evaluation: '业主评议结果',
      information_disclosure: '信息公开栏照片',
      fund_disclosure: '维修资金使用和账目公示',
      archives: '档案管理台账',
    };
    let evidence = 0;
    for (const oc of committees) {
      const isDemo = oc.community_id === demo.id;
      const evidenced = isDemo
        ? ['reception', 'regular_meetings', 'annual_report', 'information_disclosure', 'fund_disclosure']
        : systems.filter(() => rng.chance(0.55));
      for (const system of evidenced) {
        await insertReturning(client, 'owners_committee_evidence', {
          street_id: oc.street_id,
          community_id: oc.community_id,
          committee_id: oc.id,
          system,
          title: evidenceTitles[system],
          evidence_on: addDays(today, -rng.int(5, 300)),
          review_status: isDemo && system === 'annual_report' ? 'pending' : 'accepted',
          reviewed_by: isDemo && system === 'annual_report' ? null : committeeAccount.userId,
          reviewed_at:
            isDemo && system === 'annual_report'
              ? null
              : new Date(Date.parse(`${today}T10:00:00+08:00`) - 86400000 * 3),
          created_by: ownersCommitteeAccount.userId,
        });
        evidence++;
      }
      // an older, rejected piece of evidence shows the review at work
      if (isDemo)
        await insertReturning(client, 'owners_committee_evidence', {
          street_id: oc.street_id,
          community_id: oc.community_id,
          committee_id: oc.id,
          system: 'owner_evaluation',
          title: '业主评议（材料不全）',
          evidence_on: addDays(today, -40),
          review_status: 'rejected',
          review_note: '缺少评议结果统计表',
          reviewed_by: committeeAccount.userId,
          reviewed_at: new Date(Date.parse(`${today}T10:00:00+08:00`) - 86400000 * 30),
          created_by: ownersCommitteeAccount.userId,
        });
      await client.query('update owners_committee set elected_on = $1, filed_on = $2 where id = $3', [
        addDays(oc.term_start, -20),
        addDays(oc.term_start, 10),
        oc.id,
      ]);
      // members: owners of the community (where the register has owners)
      const owners = (unitsOf.get(oc.community_id) ?? [])
        .map((u) => ({ u, h: holdings.get(u.id) }))
        .filter((x) => x.h && !x.h.developer && x.h.persons.length > 0 && x.u.id !== resident.unitId);
      if (owners.length === 0) continue;
      const chosen = new Set<number>();
      const members: { person: number; unit: number }[] = [];
      if (isDemo) {
        members.push({ person: ownersCommitteeAccount.personId, unit: ocUnit.id });
        chosen.add(ownersCommitteeAccount.personId);
      }
      const distinct = new Set(owners.map((o) => o.h!.persons[0]!)).size;
      while (members.length < Math.min(isDemo ? 7 : 5, distinct)) {
        const pick = owners[rng.int(0, owners.length - 1)]!;
        const person = pick.h!.persons[0]!;
        if (chosen.has(person)) continue;
        chosen.add(person);
        members.push({ person, unit: pick.u.id });
      }
      const offices = ['director', 'deputy_director', 'member', 'member', 'member', 'member', 'alternate'];
      for (const [i, m] of members.entries())
        await insertReturning(client, 'owners_committee_member', {
          street_id: oc.street_id,
          community_id: oc.community_id,
          committee_id: oc.id,
          person_id: m.person,
          unit_id: m.unit,
          office: offices[i],
          term_start: oc.term_start,
          term_end: oc.term_end,
          cross_appointed: i === 1,
          cross_appointed_role: i === 1 ? '居委会委员' : null,
        });
    }
    counts.committeeEvidence = evidence;
    const demoCommittee = committees.find((c) => c.community_id === demo.id)!;
    for (const [i, m] of [
      ['regular', '业委会第 12 次例会', '审议外墙修缮方案，决定提交业主大会表决。', true],
      ['regular', '业委会第 11 次例会', '听取物业服务企业季度工作汇报，讨论停车管理。', false],
      [
        'extraordinary',
        '屋面渗漏应急维修专题会议',
        '同意按应急程序使用维修资金维修 1 号楼屋面，事后公示。',
        true,
      ],
    ].entries()) {
      const heldOn = addDays(today, -12 - i * 35);
      const meetingId = await insertReturning(client, 'owners_committee_meeting', {
        street_id: demo.streetId,
        community_id: demo.id,
        committee_id: demoCommittee.id,
        kind: m[0],
        held_on: heldOn,
        title: m[1],
        attendees: 6,
        minutes: m[2],
        created_by: ownersCommitteeAccount.userId,
      });
      if (m[3]) {
        const d = await insertReturning(client, 'disclosure', {
          street_id: demo.streetId,
          community_id: demo.id,
          category: 'meeting_minutes',
          title: m[1],
          body: m[2],
          source_type: 'owners_committee_meeting',
          source_id: meetingId,
          published_at: `${addDays(heldOn, 2)}T10:00:00+08:00`,
          published_by: ownersCommitteeAccount.userId,
          published_by_label: ownersCommitteeAccount.displayName,
        });
        await client.query('update owners_committee_meeting set disclosure_id = $1 where id = $2', [
          d,
          meetingId,
        ]);
      }
    }
    await insertReturning(client, 'disclosure', {
      street_id: demo.streetId,
      community_id: demo.id,
      category: 'notice',
      title: '关于开展外墙修缮业主表决的通知',
      body: '请各位业主在表决截止前通过“安居”或纸质表决票表达意见。',
      published_at: `${addDays(today, -3)}T09:30:00+08:00`,
      visible_until: addDays(today, 14),
      published_by: ownersCommitteeAccount.userId,
      published_by_label: ownersCommitteeAccount.displayName,
    });

    // ---------------------------------------------------------------------------------------
    // Property fees: guidance prices, contracts, the owners' accounts of commission contracts
    const guidance = [
      [1, 230],
      [2, 190],
      [3, 150],
      [4, 110],
      [5, 70],
    ];
    for (const [grade, price] of guidance)
      await client.query(
        `insert into fee_standard (district_id, grade, price_fen, float_bp, effective_from) values ($1, $2, $3, 1000, '2024-01-01')`,
        [districtId, grade, price],
      );
    const gradeOf: Record<string, number[]> = {
      commercial: [1, 2],
      mixed: [2, 3],
      sold_public_estate: [3, 4],
      old_public: [4, 5],
      scattered_public: [5, 5],
    };
    let contracts = 0;
    for (const c of communities.filter((x) => x.propertyOrgId)) {
      const grade = rng.pick(gradeOf[c.housingType] ?? [3]);
      const base = guidance[grade - 1]![1]!;
      const price = base + rng.int(-1, 1) * Math.round(base * 0.05);
      const commission = c.id === demo.id || (c.housingType === 'commercial' && rng.chance(0.25));
      const startOn = `${year - 2}-01-01`;
      const contractId = await insertReturning(client, 'fee_contract', {
        street_id: c.streetId,
        community_id: c.id,
        property_org_id: c.propertyOrgId,
        grade,
        price_fen: price,
        model: commission ? 'commission' : 'lump_sum',
        commission_kind: commission ? 'share' : null,
        commission_bp: commission ? 1000 : null,
        start_on: startOn,
        end_on: `${year + 2}-12-31`,
      });
      contracts++;
      if (!commission) continue;
      // monthly income and spending from the contract start to last month
      const monthlyIncome = Math.round(Number(c.floorArea) * price * 0.92);
      const itemRows: unknown[][] = [];
      for (let m = 0; ; m++) {
        const y = year - 2 + Math.floor(m / 12);
        const month = (m % 12) + 1;
        const on = `${y}-${String(month).padStart(2, '0')}-25`;
        if (on >= today) break;
        itemRows.push([c.streetId, c.id, contractId, 'income', 'property_fee', monthlyIncome, on, '']);
        itemRows.push([
          c.streetId,
          c.id,
          contractId,
          'income',
          'parking',
          Math.round(monthlyIncome * 0.08),
          on,
          '',
        ]);
        for (const [cat, share] of [
          ['staff', 0.42],
          ['cleaning', 0.12],
          ['greening', 0.05],
          ['security', 0.14],
          ['facility_maintenance', 0.1],
          ['utilities', 0.06],
        ] as const)
          itemRows.push([
            c.streetId,
            c.id,
            contractId,
            'spending',
            cat,
            Math.round(monthlyIncome * share * (0.9 + rng.next() * 0.2)),
            on,
            '',
          ]);
      }
      await copyRows(
        client,
        'fee_ledger_item',
        ['street_id', 'community_id', 'contract_id', 'kind', 'category', 'amount_fen', 'occurred_on', 'memo'],
        itemRows as never,
      );
      await insertReturning(client, 'fee_budget', {
        street_id: c.streetId,
        community_id: c.id,
        contract_id: contractId,
        year,
        kind: 'budget',
        lines: [
          { kind: 'income', category: 'property_fee', amountFen: monthlyIncome * 12 },
          { kind: 'income', category: 'parking', amountFen: Math.round(monthlyIncome * 0.96) },
          { kind: 'spending', category: 'staff', amountFen: Math.round(monthlyIncome * 12 * 0.42) },
          { kind: 'spending', category: 'cleaning', amountFen: Math.round(monthlyIncome * 12 * 0.12) },
          { kind: 'spending', category: 'security', amountFen: Math.round(monthlyIncome * 12 * 0.14) },
        ],
      });
    }
    counts.feeContracts = contracts;

    // ---------------------------------------------------------------------------------------
    // Five-in-one meetings in the residents' committee of the demo account, liaison, training
    const committeeCommunities = communities.filter((c) => c.committeeId === committeeAccount.committeeId);
    const fiveParties = [
      'residents_committee',
      'owners_committee',
      'property_company',
      'police',
      'housing_office',
    ];
    const issues = [
      ['非机动车充电桩增设', 'property_company'],
      ['楼道堆物清理', 'residents_committee'],
      ['群租线索核查', 'police'],
      ['外墙修缮方案征询', 'owners_committee'],
      ['维修资金续筹宣传', 'housing_office'],
    ] as const;
    for (const c of committeeCommunities) {
      for (let k = 0; k < 2; k++) {
        const heldOn = addDays(today, -20 - k * 90);
        const meetingId = await insertReturning(client, 'five_in_one_meeting', {
          street_id: c.streetId,
          community_id: c.id,
          held_on: heldOn,
          title: `${c.name}五位一体联席会议（${k === 0 ? '本季度' : '上季度'}）`,
          parties: `{${fiveParties.filter((p, i) => i < 4 || k === 0 || p !== 'police').join(',')}}`,
          minutes: '通报小区近期情况，梳理需协调解决的事项并明确责任方和期限。',
          created_by: committeeAccount.userId,
        });
        for (let j = 0; j < 3; j++) {
          const [title, party] = issues[(j + k + c.id) % issues.length]!;
          const resolved = k === 1 && j < 2;
          const issueId = await insertReturning(client, 'five_in_one_issue', {
            street_id: c.streetId,
            community_id: c.id,
            meeting_id: meetingId,
            title,
            responsible_party: party,
            due_on: addDays(heldOn, k === 0 ? 30 : 15 + j * 10),
            status: resolved ? 'resolved' : 'open',
            resolved_on: resolved ? addDays(heldOn, 12) : null,
          });
          await insertReturning(client, 'five_in_one_follow_up', {
            street_id: c.streetId,
            issue_id: issueId,
            note: resolved ? '已完成，居民反映良好。' : '已布置，正在推进。',
            by_label: committeeAccount.displayName,
            created_by: committeeAccount.userId,
          });
        }
      }
    }
    const streetCommittees = committees.filter((c) => c.street_id === wuliqiao).map((c) => c.id);
    for (const [i, [title, kind]] of [
      ['五里桥街道业委会联谊会：维修资金续筹经验交流', 'exchange'],
      ['业委会主任培训：民法典与业主共同决定', 'training'],
    ].entries())
      await insertReturning(client, 'liaison_event', {
        street_id: wuliqiao,
        held_on: addDays(today, -30 - i * 120),
        title,
        kind,
        owners_committee_ids: `{${streetCommittees.join(',')}}`,
        notes: '各小区业委会代表参加，街道房管办、司法所到会指导。',
        created_by: streetAccount.userId,
      });
    const trainings: [string | null, string, string, string, number, string][] = [
      [null, 'residents_committee_staff', '居委会指导业委会规范运作', '3.0', 171, '区房管局'],
      [null, 'housing_office_staff', '维修资金使用与审核实务', '4.0', 40, '区房管局'],
      [null, 'property_staff', '物业服务标准与消防安全管理', '6.0', 220, '区物业管理行业协会'],
      ['wuliqiao', 'owners_committee_members', '业委会委员履职培训', '2.5', 38, '五里桥街道房管办'],
      ['wuliqiao', 'owners_committee_members', '业主大会表决程序与电子投票', '2.0', 31, '五里桥街道房管办'],
      ['wuliqiao', 'residents_committee_staff', '五位一体工作机制', '1.5', 24, '五里桥街道'],
    ];
    for (const [i, [street, audience, title, hours, attendees, trainer]] of trainings.entries())
      await insertReturning(client, 'training_record', {
        district_id: districtId,
        street_id: street ? wuliqiao : null,
        audience,
        title,
        held_on: addDays(today, -15 - i * 40),
        hours,
        attendees,
        trainer,
        created_by: street ? streetAccount.userId : admin.userId,
      });

    // ---------------------------------------------------------------------------------------
    // People's mediation: a district committee and one per street, cases in 五里桥 and 外滩
    const streets = (await client.query('select id, name from street order by code')).rows as {
      id: number;
      name: string;
    }[];
    const districtMediation = await insertReturning(client, 'mediation_committee', {
      district_id: districtId,
      street_id: null,
      level: 'district',
      name: '黄浦区物业纠纷人民调解委员会',
    });
    await insertReturning(client, 'mediator', {
      committee_id: districtMediation,
      street_id: null,
      name: personName(rng),
    });
    const streetMediation = new Map<number, number>();
    for (const s of streets) {
      const id = await insertReturning(client, 'mediation_committee', {
        district_id: districtId,
        street_id: s.id,
        level: 'street',
        name: `${s.name}人民调解委员会`,
      });
      streetMediation.set(s.id, id);
    }
    const wuliqiaoMediation = streetMediation.get(wuliqiao)!;
    const demoMediator = await insertReturning(client, 'mediator', {
      committee_id: wuliqiaoMediation,
      street_id: wuliqiao,
      name: mediatorAccount.displayName,
      user_id: mediatorAccount.userId,
    });
    const otherMediator = await insertReturning(client, 'mediator', {
      committee_id: wuliqiaoMediation,
      street_id: wuliqiao,
      name: personName(rng),
    });
    const waitan = streets.find((s) => s.name === '外滩街道')!;
    const waitanMediator = await insertReturning(client, 'mediator', {
      committee_id: streetMediation.get(waitan.id)!,
      street_id: waitan.id,
      name: personName(rng),
    });
    const party = (role: string, kind: string, name: string) => ({
      role,
      kind,
      name,
      phoneEnc: kind === 'person' ? ctx.cipher.encrypt(phoneOf(rng)) : null,
    });
    const cases: {
      street: number;
      community: CommunityRow | undefined;
      mediator: number;
      type: string;
      title: string;
      received: number;
      status: string;
      closedAfter?: number;
      agreement?: string;
    }[] = [
      {
        street: wuliqiao,
        community: demo,
        mediator: demoMediator,
        type: 'water_leak',
        title: '楼上卫生间渗漏致楼下天花板受损',
        received: 50,
        status: 'agreed',
        closedAfter: 12,
        agreement: '楼上业主负责修复防水层并赔偿楼下修复费用 3,200 元。',
      },
      {
        street: wuliqiao,
        community: demo,
        mediator: demoMediator,
        type: 'property_fee',
        title: '业主以服务不到位为由拒缴物业费',
        received: 40,
        status: 'failed',
        closedAfter: 25,
      },
      {
        street: wuliqiao,
        community: demo,
        mediator: demoMediator,
        type: 'parking',
        title: '地面停车位分配争议',
        received: 10,
        status: 'in_progress',
      },
      {
        street: wuliqiao,
        community: depleted,
        mediator: otherMediator,
        type: 'common_parts',
        title: '续筹分摊标准异议',
        received: 45,
        status: 'in_progress',
      },
      {
        street: wuliqiao,
        community: depleted,
        mediator: otherMediator,
        type: 'renovation',
        title: '装修噪声扰民',
        received: 70,
        status: 'withdrawn',
        closedAfter: 5,
      },
      {
        street: waitan.id,
        community: communities.find((c) => c.streetId === waitan.id),
        mediator: waitanMediator,
        type: 'service_quality',
        title: '电梯频繁故障引发的服务纠纷',
        received: 30,
        status: 'agreed',
        closedAfter: 20,
        agreement: '物业服务企业于 30 日内完成电梯维保整改，并减免当季度物业费 5%。',
      },
    ];
    for (const c of cases) {
      const received = addDays(today, -c.received);
      const closedOn = c.closedAfter !== undefined ? addDays(received, c.closedAfter) : null;
      const caseId = await insertReturning(client, 'mediation_case', {
        street_id: c.street,
        community_id: c.community?.id ?? null,
        committee_id: streetMediation.get(c.street),
        mediator_id: c.mediator,
        dispute_type: c.type,
        title: c.title,
        description: `${c.title}，当事人申请人民调解。`,
        parties: [
          party('applicant', 'person', personName(rng)),
          party(
            'respondent',
            c.type === 'property_fee' || c.type === 'service_quality' ? 'property_company' : 'person',
            c.type === 'property_fee' || c.type === 'service_quality' ? '物业服务企业' : personName(rng),
          ),
        ],
        status: c.status,
        received_on: received,
        due_on: addDays(received, 30),
        closed_on: closedOn,
        agreement: c.agreement
          ? { text: c.agreement, signedOn: closedOn, fileId: null, fulfilled: null }
          : null,
        created_by: mediatorAccount.userId,
        version: c.status === 'accepted' ? 0 : 2,
      });
      if (c.status !== 'accepted' && c.status !== 'withdrawn')
        await insertReturning(client, 'mediation_session', {
          street_id: c.street,
          case_id: caseId,
          held_on: addDays(received, 4),
          place: `${c.community?.name ?? ''}居委会调解室`,
          notes: '双方陈述事实和诉求，调解员释法析理。',
          by_label: mediatorAccount.displayName,
          created_by: mediatorAccount.userId,
        });
    }
    counts.mediationCases = cases.length;

    for (const t of [
      'person',
      'unit_owner',
      'fund_account',
      'fund_journal_entry',
      'fund_journal_line',
      'owner_vote_ballot',
    ])
      await client.query(
        `select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`,
      );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
  // the jobs' first run: depletion alerts and re-election reminders as they stand today
  const alerts = await checkDepletion(ctx, today);
  counts.depletionAlerts = alerts.raised;
  counts.reelectionReminders = await remindReelections(ctx, today);
  return counts;
}
