import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnAnju, tableChecksums } from './cli';
import { createTestDatabase } from './db';
import {
  type AnjuProcess,
  clusterUrl,
  type HttpAnswer,
  httpRequest,
  isRunning,
  signIn,
  startAnjuProcess,
  withPool,
} from './server';

// A crash loses no acknowledged write. The real server runs in a child process on a data folder of
// its own, with PostgreSQL's default durability (fsync and synchronous_commit on, unlike the test
// cluster), receives intakes from 20 connections and is killed with SIGKILL, Anju and PostgreSQL
// together, part way. Restarted on the same data, every case whose intake was answered 2xx is there,
// exactly once, and nothing else is doubled.

const INTAKES = 1000;
const CONNECTIONS = 20;
const KILL_AFTER = 300;
const RETRIES = 1000;
const TRANSITIONS = 20;

const dir = mkdtempSync(join(tmpdir(), 'anju-crash-'));
// as root, PostgreSQL runs as the `postgres` user, who must be able to reach the data folder
chmodSync(dir, 0o755);
const dataDir = join(dir, 'data');
const env = { RESIDENT_INTAKE_RATE_LIMIT: '100000' };
let anju: AnjuProcess | null = null;
let community: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

const keyOf = (i: number) => `crash-drill-${String(i).padStart(4, '0')}`;
const intake = (i: number) => ({
  categoryCode: 'property_service.repair',
  communityId: community,
  title: `断电演练 ${keyOf(i)}`,
  description: '楼道灯不亮',
});
const drillCases = (pool: import('pg').Pool) =>
  pool.query<{ title: string; ids: number[] }>(
    `select title, array_agg(id::int order by id) as ids from case_record where title like '断电演练 crash-drill-%' group by title`,
  );

beforeAll(async () => {
  // a fresh cluster on the data folder, holding the demo district: `anju restore` of a backup of it
  const source = await createTestDatabase();
  try {
    const file = join(dir, 'demo.sql');
    expect((await runCli(source, ['backup', '--out', file])).code).toBe(0);
    const restored = await spawnAnju(['restore', file], { ANJU_DATA_DIR: dataDir });
    expect(restored.stderr).not.toMatch(/error/);
    expect(restored.code).toBe(0);
    anju = await startAnjuProcess(dataDir, env);
    // the restored cluster holds what the backup did, table by table
    const [expected, actual] = [
      await tableChecksums(source.pool),
      await withPool(clusterUrl(dataDir), tableChecksums),
    ];
    expect(actual).toEqual(expected);
    community = (
      await source.pool.query(
        `select r.community_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'`,
      )
    ).rows[0].community_id;
  } finally {
    await source.drop();
  }
}, 120_000);

afterAll(async () => {
  agent.destroy();
  if (anju) {
    anju.kill('SIGTERM');
    const stopped = await Promise.race([anju.exited, new Promise((r) => setTimeout(r, 20_000, 'timeout'))]);
    if (stopped === 'timeout') anju.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('kill -9 of the server and PostgreSQL during intake', () => {
  it('keeps every acknowledged case, exactly once, and the audit chain whole', async () => {
    const running = anju!;
    const durability = await withPool(clusterUrl(dataDir), async (pool) => ({
      fsync: (await pool.query('show fsync')).rows[0].fsync,
      synchronousCommit: (await pool.query('show synchronous_commit')).rows[0].synchronous_commit,
    }));
    expect(durability).toEqual({ fsync: 'on', synchronousCommit: 'on' });

    const auth = await signIn(agent, running.baseUrl, 'resident');
    const acknowledged = new Map<string, number>();
    const refused: HttpAnswer[] = [];
    let sent = 0;
    let failedInFlight = 0;
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed && next < INTAKES) {
        const i = next++;
        sent++;
        try {
          const res = await httpRequest(agent, `${running.baseUrl}/api/v1/cases`, {
            method: 'POST',
            body: intake(i),
            headers: { ...auth, 'idempotency-key': keyOf(i) },
          });
          if (res.status >= 200 && res.status < 300) acknowledged.set(keyOf(i), res.json().id);
          else refused.push(res);
        } catch {
          failedInFlight++;
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          running.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    expect(killed).toBe(true);
    expect(refused.map((r) => `${r.status} ${r.body}`)).toEqual([]);
    await running.exited;
    for (let waited = 0; isRunning(running.postmaster); waited += 50) {
      if (waited > 10_000) throw new Error('the postmaster survived SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
    }
    agent.destroy();

    // restart on the same data: PostgreSQL recovers from its write-ahead log
    anju = await startAnjuProcess(dataDir, env);
    const after = await withPool(clusterUrl(dataDir), drillCases);
    const byTitle = new Map(after.rows.map((r) => [r.title.replace('断电演练 ', ''), r.ids]));
    const lost = [...acknowledged].filter(([key, id]) => byTitle.get(key)?.[0] !== id).map(([key]) => key);
    const duplicates = after.rows.filter((r) => r.ids.length > 1).map((r) => r.title);
    const unacknowledgedKept = [...byTitle.keys()].filter((k) => !acknowledged.has(k)).length;
    console.info(
      `crash drill: ${sent} intakes sent over ${CONNECTIONS} connections, ${acknowledged.size} acknowledged, ` +
        `${failedInFlight} cut off by the kill (${unacknowledgedKept} of those committed before it), ` +
        `${lost.length} acknowledged lost, ${duplicates.length} duplicates`,
    );
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    // the clients retry everything: the acknowledged get their own answer again, the rest are filed once
    const retryAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const auth2 = await signIn(retryAgent, anju.baseUrl, 'resident');
    const answers: HttpAnswer[] = [];
    next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < INTAKES) {
          const i = next++;
          answers[i] = await httpRequest(retryAgent, `${anju!.baseUrl}/api/v1/cases`, {
            method: 'POST',
            body: intake(i),
            headers: { ...auth2, 'idempotency-key': keyOf(i) },
          });
        }
      }),
    );
    retryAgent.destroy();
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    for (const [key, id] of acknowledged) {
      const a = answers[Number(key.slice(-4))]!;
      expect([key, a.json().id, a.headers['idempotent-replayed']]).toEqual([key, id, 'true']);
    }
    const final = await withPool(clusterUrl(dataDir), drillCases);
    expect(final.rows).toHaveLength(INTAKES);
    expect(final.rows.filter((r) => r.ids.length !== 1)).toEqual([]);

    const verify = await spawnAnju(['audit', 'verify'], { ANJU_DATA_DIR: dataDir });
    expect(verify.stdout).toContain('Audit log intact');
    expect(verify.code).toBe(0);
  }, 150_000);

  it(`${RETRIES} concurrent retries of one key make one case, answered alike`, async () => {
    const wide = new http.Agent({ keepAlive: true, maxSockets: 100 });
    try {
      const auth = await signIn(wide, anju!.baseUrl, 'resident');
      const body = { ...intake(0), title: '断电演练 one key, many retries' };
      const answers = await Promise.all(
        Array.from({ length: RETRIES }, () =>
          httpRequest(wide, `${anju!.baseUrl}/api/v1/cases`, {
            method: 'POST',
            body,
            headers: { ...auth, 'idempotency-key': 'crash-drill-one-key' },
          }),
        ),
      );
      const statuses = answers.reduce<Record<number, number>>((m, a) => {
        m[a.status] = (m[a.status] ?? 0) + 1;
        return m;
      }, {});
      expect(statuses).toEqual({ 201: RETRIES });
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      const made = await withPool(clusterUrl(dataDir), (pool) =>
        pool.query("select id from case_record where title = '断电演练 one key, many retries'"),
      );
      expect(made.rows).toHaveLength(1);
    } finally {
      wide.destroy();
    }
  }, 60_000);

  it(`${TRANSITIONS} concurrent transitions with the same version: one wins, the others get 409 and change nothing`, async () => {
    const wide = new http.Agent({ keepAlive: true, maxSockets: TRANSITIONS });
    try {
      const auth = await signIn(wide, anju!.baseUrl, 'street');
      const target = await withPool(clusterUrl(dataDir), async (pool) => {
        const r = await pool.query(
          "select id, version from case_record where title = '断电演练 one key, many retries'",
        );
        return r.rows[0] as { id: number; version: number };
      });
      const answers = await Promise.all(
        Array.from({ length: TRANSITIONS }, () =>
          httpRequest(wide, `${anju!.baseUrl}/api/v1/cases/${target.id}/actions/register`, {
            method: 'POST',
            body: { version: target.version },
            headers: auth,
          }),
        ),
      );
      const winners = answers.filter((a) => a.status === 200);
      const losers = answers.filter((a) => a.status === 409);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(TRANSITIONS - 1);
      // a loser either read the version before the winner committed (the version moved) or after it
      // (the case is no longer in a state that may be registered)
      for (const a of losers)
        expect(['conflict.version', 'case.invalid_transition']).toContain(a.json().code);
      const events = await withPool(clusterUrl(dataDir), (pool) =>
        pool.query("select count(*)::int as n from case_event where case_id = $1 and action = 'register'", [
          target.id,
        ]),
      );
      expect(events.rows[0].n).toBe(1);
    } finally {
      wide.destroy();
    }
  }, 60_000);
});
