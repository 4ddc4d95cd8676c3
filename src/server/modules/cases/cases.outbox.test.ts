import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { consumeCaseEvents, drainCaseEvents } from './cases.outbox';

const t = setupTestApp();

async function insertEvent(
  client: { query: (s: string, p?: unknown[]) => Promise<unknown> },
  caseId: number,
  note: string,
) {
  await client.query(
    `insert into case_event (case_id, street_id, actor_label, action, from_state, to_state, note)
     select id, street_id, 'test', 'comment', state, state, $2 from case_record where id = $1`,
    [caseId, note],
  );
}

describe('the case event stream as an outbox', () => {
  it('an event whose transaction commits late is not skipped; each event is handled once', async () => {
    const caseId = (await t.ctx.database.pool.query('select min(id)::int as id from case_record')).rows[0].id;
    const seen: string[] = [];
    const handle = async (_tx: unknown, events: { note: string | null; action: string }[]) => {
      for (const e of events) if (e.note?.startsWith('outbox-')) seen.push(e.note);
    };
    await drainCaseEvents(t.ctx, 'test-outbox', handle as never);
    seen.length = 0;

    // A starts first (older transaction, lower id), B commits before A
    const a = await t.ctx.database.pool.connect();
    await a.query('begin');
    await insertEvent(a, caseId, 'outbox-A');
    await insertEvent(t.ctx.database.pool, caseId, 'outbox-B');
    await drainCaseEvents(t.ctx, 'test-outbox', handle as never);
    expect(seen).toEqual([]); // B waits: an older transaction is still running
    await a.query('commit');
    a.release();
    await drainCaseEvents(t.ctx, 'test-outbox', handle as never);
    expect(seen).toEqual(['outbox-A', 'outbox-B']);
    await drainCaseEvents(t.ctx, 'test-outbox', handle as never);
    expect(seen).toEqual(['outbox-A', 'outbox-B']);
  });

  it('two instances never handle the same batch; a failing handler moves the cursor nowhere', async () => {
    const caseId = (await t.ctx.database.pool.query('select min(id)::int as id from case_record')).rows[0].id;
    await drainCaseEvents(t.ctx, 'test-twice', async () => {});
    await insertEvent(t.ctx.database.pool, caseId, 'outbox-C');
    const handled: number[] = [];
    const slow = async (_tx: unknown, events: { id: number }[]) => {
      await new Promise((r) => setTimeout(r, 200));
      handled.push(...events.map((e) => e.id));
    };
    const [x, y] = await Promise.all([
      consumeCaseEvents(t.ctx, 'test-twice', slow as never),
      consumeCaseEvents(t.ctx, 'test-twice', slow as never),
    ]);
    expect(x + y).toBe(1);
    expect(handled).toHaveLength(1);

    await insertEvent(t.ctx.database.pool, caseId, 'outbox-D');
    await expect(
      consumeCaseEvents(t.ctx, 'test-twice', async () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    const again: string[] = [];
    await drainCaseEvents(t.ctx, 'test-twice', (async (_tx: unknown, events: { note: string | null }[]) => {
      again.push(...events.map((e) => e.note ?? ''));
    }) as never);
    expect(again).toEqual(['outbox-D']);
  });
});
