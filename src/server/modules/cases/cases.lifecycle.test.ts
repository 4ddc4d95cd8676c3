import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { demoActor, PNG_1x1 } from '../../../../test/cases';
import {
  allowedEdges,
  type CaseAction,
  type CaseActionBody,
  caseActions,
  caseStates,
  caseTransitions,
  type TransitionRule,
} from '../../../contracts/cases';
import type { Actor } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { checkUpload, storeFile } from '../../platform/files/files';
import { caseById } from './cases.repository';
import { actOnCase, reportCase } from './cases.usecases';
import { groupRentingViolations, nextState } from './cases.workflow';

describe('the state table (pure)', () => {
  it('every action leads from listed states to listed states, and only from them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...caseActions),
        fc.constantFrom(...caseStates),
        fc.boolean(),
        fc.constantFrom(...caseStates),
        (action, state, complete, previous) => {
          const next = nextState(action, state, { complete, previous });
          const rule = caseTransitions[action] as TransitionRule;
          if (!rule.from.includes(state)) expect(next).toBeNull();
          else if (next !== null) {
            expect(caseStates).toContain(next);
            if (next !== state || rule.to === null)
              expect(
                rule.to === null ||
                  allowedEdges().some(([f, t]) => f === state && t === next) ||
                  next === previous,
              ).toBe(true);
          }
        },
      ),
    );
  });

  it('terminal states allow nothing but comments', () => {
    for (const s of ['rejected', 'merged'] as const)
      expect(caseActions.filter((a) => nextState(a, s) !== null)).toEqual(['comment']);
  });

  it('group renting: SPEC 5.8 rules, room by room', () => {
    const room = {
      name: 'r',
      kind: 'bedroom' as const,
      area: '10.00',
      occupants: 2,
      familyOnly: false,
      letByBed: false,
    };
    expect(groupRentingViolations([room])).toEqual([]);
    expect(groupRentingViolations([{ ...room, occupants: 3 }]).map((v) => v.rule)).toEqual([
      'room_overcrowded',
      'area_per_person',
    ]);
    expect(groupRentingViolations([{ ...room, occupants: 3, familyOnly: true, area: '15.00' }])).toEqual([]);
    expect(groupRentingViolations([{ ...room, area: '9.99' }]).map((v) => v.rule)).toEqual([
      'area_per_person',
    ]);
    expect(groupRentingViolations([{ ...room, kind: 'basement', occupants: 1 }]).map((v) => v.rule)).toEqual([
      'non_living_space',
    ]);
    expect(groupRentingViolations([{ ...room, kind: 'kitchen', occupants: 0 }])).toEqual([]);
    expect(
      groupRentingViolations([{ ...room, kind: 'partitioned_space', occupants: 1 }]).map((v) => v.rule),
    ).toEqual(['partitioned']);
    expect(groupRentingViolations([{ ...room, letByBed: true, occupants: 1 }]).map((v) => v.rule)).toEqual([
      'let_by_bed',
    ]);
  });
});

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);
const names = [
  'street',
  'district_admin',
  'property',
  'department',
  'resident',
  'district_leader',
  'committee',
  'inspector',
] as const;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  for (const n of names) actors.set(n, await demoActor(t, n));
});

/** A plausible body for an action, so random sequences reach deep states as well as refusals. */
async function bodyFor(
  action: CaseAction,
  actor: Actor,
  intoCaseId: number,
  relapse: boolean,
): Promise<Omit<CaseActionBody, 'version'>> {
  switch (action) {
    case 'reject':
    case 'return':
    case 'rework':
    case 'supervise':
      return { reason: '随机测试原因' };
    case 'merge':
      return { intoCaseId };
    case 'suspend':
      return { reason: '随机挂账', reviewDate: '2099-12-31' };
    case 'handle': {
      const f = await checkUpload('e.png', PNG_1x1);
      return {
        note: '已处置',
        attachments: [{ fileId: await storeFile(t.ctx.db, f, actor.userId, null), kind: 'after' }],
      };
    }
    case 'follow_up':
      return { relapse, note: '复查' };
    case 'advance_enforcement':
      return { stage: relapse ? 'dissuade' : 'handle' };
    case 'rate':
      return { score: 3 };
    case 'callback':
      return { outcome: 'satisfied' };
    case 'comment':
      return { note: '备注' };
    default:
      return {};
  }
}

const rare = new Set<CaseAction>(['reject', 'merge', 'comment', 'supervise', 'callback']);

/** 80% of steps take an action the table allows now, by the role it names; the rest anything by anyone. */
function plan(s: { bias: number; pick: number; who: string; action: CaseAction }, state: string) {
  if (s.bias >= 8) return { action: s.action, who: s.who };
  const allowed = caseActions.filter(
    (a) =>
      (caseTransitions[a] as TransitionRule).from.includes(state as never) && (!rare.has(a) || s.bias === 0),
  );
  if (!allowed.length) return { action: s.action, who: s.who };
  const action = allowed[s.pick % allowed.length]!;
  const by = (caseTransitions[action] as TransitionRule).by;
  const handlers = ['property', 'department', 'street'];
  const who =
    by === 'dispatcher' || by === 'callback'
      ? 'street'
      : by === 'handler'
        ? handlers[s.pick % handlers.length]!
        : by === 'reporter'
          ? 'resident'
          : by === 'supervisor'
            ? 'district_leader'
            : by === 'enforcer'
              ? 'department'
              : s.who;
  return { action, who };
}

describe('the lifecycle under random action sequences (property)', () => {
  it('never leaves the table, and counters, versions and events stay consistent', async () => {
    const resident = actors.get('resident')!;
    const home = resident.assignments[0]!.communityId!;
    const anchor = (
      await reportCase(
        t.ctx,
        resident,
        {
          categoryCode: 'property_service.repair',
          communityId: home,
          title: '合并目标',
          description: '用于合并',
          attachments: [],
        },
        undefined,
      )
    ).body as { id: number };
    const edges = new Set(allowedEdges().map(([a, b]) => `${a}>${b}`));
    // mostly an action the table allows now, taken by the role it names; sometimes anything by anyone
    const step = fc.record({
      bias: fc.integer({ min: 0, max: 9 }),
      pick: fc.nat(),
      who: fc.constantFrom(...names),
      action: fc.constantFrom(...caseActions),
      relapse: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('property_service.repair', 'chronic_violation.illegal_building'),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        async (categoryCode, steps) => {
          const created = (
            await reportCase(
              t.ctx,
              resident,
              {
                categoryCode,
                communityId: home,
                title: '随机生命周期',
                description: '性质测试',
                attachments: [],
              },
              undefined,
            )
          ).body as { id: number };
          const id = created.id;
          let ok = 0;
          for (const s of steps) {
            const row = (await caseById(t.ctx.db, id))!;
            const { action, who } = plan(s, row.state);
            const actor = actors.get(who)!;
            try {
              await actOnCase(t.ctx, actor, id, action, {
                version: row.version,
                ...(await bodyFor(action, actor, anchor.id, s.relapse)),
              });
              ok++;
            } catch (err) {
              if (!(err instanceof AppError) || err.status >= 500) throw err;
              expect([400, 403, 404, 409]).toContain(err.status);
            }
          }
          const row = (await caseById(t.ctx.db, id))!;
          expect(caseStates).toContain(row.state);
          const events = (
            await q('select action, from_state, to_state from case_event where case_id = $1 order by id', [
              id,
            ])
          ).rows;
          expect(events[0].action).toBe('report');
          for (const e of events.slice(1)) {
            if (e.from_state !== e.to_state)
              expect(
                edges.has(`${e.from_state}>${e.to_state}`),
                `${e.action}: ${e.from_state}>${e.to_state}`,
              ).toBe(true);
          }
          // every state change is an event, chained: each event starts where the previous one ended
          let state = 'reported';
          for (const e of events.slice(1)) {
            expect(e.from_state).toBe(state);
            state = e.to_state;
          }
          expect(state).toBe(row.state);
          const n = (a: string) => events.filter((e) => e.action === a).length;
          expect(row.reworkCount).toBe(n('rework'));
          expect(row.wrongDispatchCount).toBe(n('return'));
          expect(row.version).toBe(ok);
          expect(events.length - 1).toBe(ok);
          // tasks: at most one lead per round; a handled or closed case has no open task in its round
          const tasks = (await q('select role, round, status from case_task where case_id = $1', [id])).rows;
          const rounds = new Set(tasks.map((x) => x.round));
          for (const r of rounds)
            expect(tasks.filter((x) => x.round === r && x.role === 'lead')).toHaveLength(1);
          if (['handled', 'closed'].includes(row.state)) {
            const last = Math.max(...tasks.map((x) => x.round));
            expect(
              tasks.filter((x) => x.round === last && ['pending', 'accepted'].includes(x.status)),
            ).toEqual([]);
          }
          if (row.state === 'suspended') expect(row.stageDueAt).toBeNull();
          if (['closed', 'rejected', 'merged'].includes(row.state)) expect(row.stageDueAt).toBeNull();
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);
});
