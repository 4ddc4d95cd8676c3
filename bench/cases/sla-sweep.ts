import { superviseOverdueCases } from '../../src/server/modules/cases/cases.usecases';
import { defineTimed } from '../case';

// The SLA sweep (pg-boss job `cases-sla-sweep`): 1,000,000 open cases spread over every community
// of the city, one in fifty past its handling deadline; time to find the overdue ones and escalate
// each to a street supervision order (order, case update, event, one audit row per street batch).

const OPEN = 1_000_000;
const OVERDUE_EVERY = 50;

export default defineTimed({
  name: 'SLA sweep',
  async run(env) {
    const pool = env.ctx.database.pool;
    const template = await pool.query(
      `select * from case_record where state in ('dispatched', 'in_progress') limit 1`,
    );
    if (!template.rowCount) throw new Error('SLA sweep: no open demo case to copy');
    const loadStarted = performance.now();
    await pool.query(
      `with comms as (
         select id, street_id, committee_id, (row_number() over (order by id)) - 1 as rn from community),
       n as (select count(*) as n from comms),
       t as (select * from case_record where id = $1)
       insert into case_record (number, street_id, committee_id, community_id, category_code, rule_id, urgency, channel,
                                state, title, description, routing, lead_kind, lead_id, lead_name, stage, stage_seq,
                                stage_mode, stage_started_at, stage_warn_at, stage_due_at, created_at, registered_at,
                                dispatched_at)
       select 'BENCH-' || g, c.street_id, c.committee_id, c.id, t.category_code, t.rule_id, t.urgency, t.channel,
              'dispatched', t.title, t.description, t.routing, t.lead_kind, t.lead_id, t.lead_name, 'handle', 3,
              t.stage_mode, now() - interval '6 days', now() - interval '2 days',
              case when g % $2 = 0 then now() - interval '1 hour' else now() + interval '4 days' end,
              now() - interval '7 days', now() - interval '7 days', now() - interval '6 days'
       from generate_series(1, $3::int) g
       cross join n cross join t
       join comms c on c.rn = g % n.n`,
      [template.rows[0].id, OVERDUE_EVERY, OPEN],
    );
    await pool.query('analyze case_record');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const open = (
      await pool.query(`select count(*)::int as n from case_record where stage_due_at is not null`)
    ).rows[0].n as number;
    const started = performance.now();
    const first = await superviseOverdueCases(env.ctx);
    const seconds = (performance.now() - started) / 1000;
    // a second sweep right after finds nothing new: each case is escalated once per level
    const againStarted = performance.now();
    const again = await superviseOverdueCases(env.ctx);
    const againSeconds = (performance.now() - againStarted) / 1000;
    return {
      seconds,
      detail:
        `${first.escalated.toLocaleString('en-US')} overdue escalated among ${open.toLocaleString('en-US')} open ` +
        `(${Math.round(first.escalated / seconds).toLocaleString('en-US')}/s); a second sweep escalated ${again.escalated} in ${againSeconds.toFixed(2)} s ` +
        `(loading the cases took ${loadSeconds.toFixed(0)} s)`,
      metrics: {
        open,
        escalated: first.escalated,
        secondSweepEscalated: again.escalated,
        secondSweepSeconds: againSeconds,
        loadSeconds,
      },
    };
  },
});
