import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';
import type { AnalyticsFilter, Characteristic, ValidityOutcome } from './analytics.contract.ts';

/**
 * The report queries. Every one aggregates in SQL (GROUP BY, FILTER, window functions) and returns
 * sufficient statistics — counts, sums, sums of squares, coincidence pairs — never one row per
 * rating (DECISIONS 34). Result aliases are single lower-case words so both drivers and the
 * camel-case plugin leave them alone. Numbers are cast to float8/int so both drivers return numbers.
 */

/** The cohort: the organization's applications created in the period, optionally one job, role or source. */
function cohort(orgId: string, f: AnalyticsFilter): RawBuilder<unknown> {
  return sql`
    select a.id, a.opening_id, a.candidate_id, a.status, a.created_at, o.plan_id
    from applications a
    join openings o on o.id = a.opening_id
    where a.org_id = ${orgId}
    ${f.jobId ? sql`and a.opening_id = ${f.jobId}` : sql``}
    ${f.roleId ? sql`and (o.role_id = ${f.roleId} or o.org_role_id::text = ${f.roleId})` : sql``}
    ${f.source ? sql`and exists (select 1 from candidates c where c.id = a.candidate_id and c.source = ${f.source})` : sql``}
    ${f.from ? sql`and a.created_at >= ${f.from}::date` : sql``}
    ${f.to ? sql`and a.created_at < ${f.to}::date + 1` : sql``}`;
}

export interface FunnelStageRow {
  sid: string;
  sname: string;
  kind: string;
  pos: number;
  entered: number;
  passed: number;
  exited: number;
  active: number;
  median: number | null;
  daysn: number;
}

export async function funnelStages(db: Db, orgId: string, f: AnalyticsFilter): Promise<FunnelStageRow[]> {
  // Per stage: the distinct (application, stage) visits of kind other than 'rejected', as the
  // expansion of the per-application masks (reach → cnt → per), so only a few hundred rows are
  // grouped after the one pass over the moves. avg(pos) of the visits is sum(pos·n) / sum(n) in
  // numeric, the same division avg(integer) does.
  const r = await sql<FunnelStageRow>`
    with ${visitsBase(orgId, f)},
    cnt as (
      select opening_id, mask, maxpos, status, count(*) as n from reach where mask is not null group by 1, 2, 3, 4
    ),
    per as (
      select sp.sid, sp.kind, sp.pos, cnt.maxpos > sp.pos as passed, cnt.status, cnt.n
      from cnt join sp on sp.opening_id = cnt.opening_id and (cnt.mask >> sp.pos) & 1 = 1
    ),
    lv as (
      select vi.sid, vi.kind, extract(epoch from lead(vi.moved_at) over (partition by vi.application_id order by vi.seq) - vi.moved_at) / 86400.0 as days
      from vi
    ),
    days as (
      select sid, percentile_cont(0.5) within group (order by days)::float8 as median, count(*)::int as daysn
      from lv where days is not null and kind <> 'rejected' group by sid
    ),
    names as (select sid, min(sname) as sname from st group by sid)
    select per.sid, min(names.sname) as sname, min(per.kind) as kind, (sum(per.pos * per.n)::numeric / sum(per.n)::numeric)::float8 as pos,
      sum(per.n)::int as entered,
      coalesce(sum(per.n) filter (where per.passed), 0)::int as passed,
      coalesce(sum(per.n) filter (where not per.passed and per.status = 'rejected'), 0)::int as exited,
      coalesce(sum(per.n) filter (where not per.passed and per.status <> 'rejected'), 0)::int as active,
      min(days.median) as median, coalesce(min(days.daysn), 0)::int as daysn
    from per left join days using (sid) join names using (sid)
    group by per.sid
    order by sum(per.pos * per.n)::numeric / sum(per.n)::numeric, per.sid`.execute(db);
  return r.rows;
}

/**
 * The common CTEs of the stage reports: the cohort; its jobs' stage lists (st: every entry with its
 * name; sp: the first position and kind of each stage id per job, as array_position finds it; oa: the
 * ids and kinds as arrays per job); the visits (moves that were not undone and are not undos, placed
 * by array_position in their job's list: the big join is moves × cohort by hash, joined to a handful
 * of jobs, so row estimates stay right — a join on (job, stage id) against the jsonb expansion is
 * misestimated and turns into nested loops; `offset 0` keeps the position computed once per move);
 * and per application (reach) the furthest non-rejected stage reached, whether it reached an
 * offer, and a bit mask of the positions of its non-rejected visits (stage lists hold at most 30
 * stages, see openings.contract.ts, so positions fit an int8). The undone moves come from the partial
 * index stage_moves_undoes_idx. One pass over the moves; no window, no sort. `scoredOnly` keeps the
 * applications with a submitted scorecard (all the interviewer report needs).
 */
function visitsBase(orgId: string, f: AnalyticsFilter, opts: { scoredOnly?: boolean } = {}): RawBuilder<unknown> {
  return sql`
    co as (${cohort(orgId, f)}),
    st as materialized (
      select o.id as opening_id, s.value->>'id' as sid, s.value->>'name' as sname, s.value->>'kind' as kind, s.ord::int as pos
      from openings o cross join lateral jsonb_array_elements(o.stages) with ordinality as s(value, ord)
      where o.org_id = ${orgId}
    ),
    sp as materialized (
      select distinct on (opening_id, sid) opening_id, sid, kind, pos from st where sid is not null order by opening_id, sid, pos
    ),
    oa as materialized (
      select o.id, array(select e->>'id' from jsonb_array_elements(o.stages) as e) as ids,
        array(select e->>'kind' from jsonb_array_elements(o.stages) as e) as kinds
      from openings o where o.org_id = ${orgId}
    ),
    vi as (
      select v.application_id, v.seq, v.moved_at, v.sid, v.status, v.opening_id, v.pos, v.kinds[v.pos] as kind
      from (
        select m.application_id, m.seq, m.moved_at, m.to_stage as sid, co.status, co.opening_id, array_position(oa.ids, m.to_stage) as pos, oa.kinds
        from stage_moves m join co on co.id = m.application_id join oa on oa.id = co.opening_id
        where m.undoes is null and not exists (select 1 from stage_moves u where u.undoes = m.id and u.undoes is not null)
        ${opts.scoredOnly ? sql`and m.application_id in (select s.application_id from scorecards s where s.status = 'submitted')` : sql``}
        offset 0
      ) v where v.pos is not null
    ),
    reach as materialized (
      select application_id, opening_id, status, max(pos) filter (where kind <> 'rejected') as maxpos,
        bool_or(kind in ('offer', 'hired')) as offered,
        bit_or(1::int8 << pos) filter (where kind <> 'rejected') as mask
      from vi group by application_id, opening_id, status
    )`;
}

export async function cohortSize(db: Db, orgId: string, f: AnalyticsFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (${cohort(orgId, f)}) co`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface TimeToHireRow {
  n: number;
  p25: number | null;
  p50: number | null;
  p75: number | null;
}

export async function timeToHire(db: Db, orgId: string, f: AnalyticsFilter): Promise<TimeToHireRow> {
  // Only the visits of 'hired' stages: moves into a stage id that is a 'hired' stage of some job are
  // kept before the joins, then placed exactly as visitsBase does (first position in the job's own list).
  const r = await sql<TimeToHireRow>`
    with co as (${cohort(orgId, f)}),
    oa as materialized (
      select o.id, array(select e->>'id' from jsonb_array_elements(o.stages) as e) as ids,
        array(select e->>'kind' from jsonb_array_elements(o.stages) as e) as kinds
      from openings o where o.org_id = ${orgId}
    ),
    hv as (
      select v.application_id, v.moved_at, v.created_at
      from (
        select m.application_id, m.moved_at, co.created_at, array_position(oa.ids, m.to_stage) as pos, oa.kinds
        from stage_moves m join co on co.id = m.application_id join oa on oa.id = co.opening_id
        where m.undoes is null and not exists (select 1 from stage_moves u where u.undoes = m.id and u.undoes is not null)
          and m.to_stage in (select k.id from oa cross join lateral unnest(oa.ids, oa.kinds) as k(id, kind) where k.kind = 'hired')
        offset 0
      ) v where v.kinds[v.pos] = 'hired'
    ),
    hires as (select application_id, min(moved_at) as at, min(created_at) as created from hv group by 1)
    select count(*)::int as n,
      percentile_cont(0.25) within group (order by extract(epoch from at - created) / 86400.0)::float8 as p25,
      percentile_cont(0.5) within group (order by extract(epoch from at - created) / 86400.0)::float8 as p50,
      percentile_cont(0.75) within group (order by extract(epoch from at - created) / 86400.0)::float8 as p75
    from hires`.execute(db);
  return r.rows[0] ?? { n: 0, p25: null, p50: null, p75: null };
}

export interface FunnelGroupRow {
  key: string;
  label: string;
  applications: number;
  hired: number;
  decided: number;
}

export async function funnelGroups(db: Db, orgId: string, f: AnalyticsFilter, by: 'job' | 'role' | 'source' | 'month'): Promise<FunnelGroupRow[]> {
  const key =
    by === 'job'
      ? sql`o.id::text`
      : by === 'role'
        ? sql`coalesce(o.role_id, o.org_role_id::text, '')`
        : by === 'source'
          ? sql`coalesce(c.source, '')`
          : sql`to_char(co.created_at at time zone 'UTC', 'YYYY-MM')`;
  const label =
    by === 'job' ? sql`min(o.title)` : by === 'role' ? sql`coalesce(min(o.role_id), 'Organization role')` : by === 'source' ? sql`coalesce(min(c.source), 'Unknown')` : sql`min(to_char(co.created_at at time zone 'UTC', 'YYYY-MM'))`;
  const r = await sql<FunnelGroupRow>`
    with co as (${cohort(orgId, f)})
    select ${key} as key, ${label} as label, count(*)::int as applications,
      count(*) filter (where co.status = 'hired')::int as hired,
      count(*) filter (where co.status in ('hired', 'rejected'))::int as decided
    from co join openings o on o.id = co.opening_id left join candidates c on c.id = co.candidate_id
    group by 1 order by 1`.execute(db);
  return r.rows;
}

// ── Calibration ───────────────────────────────────────────────────────────────────────────────────

export interface InterviewerRatingRow {
  id: string;
  name: string;
  ratings: number;
  total: number;
  extreme: number;
  dn: number;
  dmean: number | null;
  dvar: number | null;
  agree: number;
}

export async function interviewerRatings(db: Db, orgId: string, f: AnalyticsFilter): Promise<InterviewerRatingRow[]> {
  const r = await sql<InterviewerRatingRow>`
    with co as (${cohort(orgId, f)}),
    rt as (select r.interviewer_id, r.application_id, r.competency_id, r.rating from ratings r join co on co.id = r.application_id),
    cell as (select application_id, competency_id, count(*) as n, sum(rating) as s from rt group by 1, 2),
    per as (
      select rt.interviewer_id, rt.rating, cell.n,
        case when cell.n > 1 then rt.rating - (cell.s - rt.rating)::float8 / (cell.n - 1) end as d
      from rt join cell using (application_id, competency_id)
    )
    select per.interviewer_id as id, coalesce(min(u.name), 'Former member') as name, count(*)::int as ratings,
      sum(per.rating)::float8 as total,
      count(*) filter (where per.rating in (1, 4))::int as extreme,
      count(per.d)::int as dn, avg(per.d)::float8 as dmean, var_samp(per.d)::float8 as dvar,
      count(*) filter (where abs(per.d) <= 1)::int as agree
    from per left join users u on u.id = per.interviewer_id
    group by per.interviewer_id
    order by min(u.name), per.interviewer_id`.execute(db);
  return r.rows;
}

export interface PoolRow {
  ratings: number;
  mean: number | null;
  sd: number | null;
  extreme: number;
}

export async function ratingPool(db: Db, orgId: string, f: AnalyticsFilter): Promise<PoolRow> {
  const r = await sql<PoolRow>`
    with co as (${cohort(orgId, f)})
    select count(*)::int as ratings, avg(r.rating)::float8 as mean, stddev_samp(r.rating)::float8 as sd,
      count(*) filter (where r.rating in (1, 4))::int as extreme
    from ratings r join co on co.id = r.application_id`.execute(db);
  return r.rows[0] ?? { ratings: 0, mean: null, sd: null, extreme: 0 };
}

export interface InterviewerScorecardRow {
  id: string;
  scorecards: number;
  hours: number | null;
  ontime: number;
  timed: number;
  agreed: number;
  judged: number;
}

export async function interviewerScorecards(db: Db, orgId: string, f: AnalyticsFilter): Promise<InterviewerScorecardRow[]> {
  const r = await sql<InterviewerScorecardRow>`
    with ${visitsBase(orgId, f, { scoredOnly: true })},
    verdict as (
      select application_id, case when offered then true when status = 'rejected' then false end as positive from reach
    ),
    -- The recommendation is read from the body in the scan (offset 0 keeps the planner from carrying
    -- whole bodies through the joins).
    sb as (select s.interviewer_id, s.application_id, s.interview_id, s.submitted_at, s.body->>'recommendation' as rec from scorecards s where s.status = 'submitted' offset 0),
    -- The cohort again rather than co (see stageSelections).
    cs as (${cohort(orgId, f)}),
    sc as (
      select sb.interviewer_id, sb.submitted_at, i.ends_at, sb.rec, verdict.positive
      from sb join cs on cs.id = sb.application_id
      join interviews i on i.id = sb.interview_id
      left join verdict on verdict.application_id = sb.application_id
    )
    select interviewer_id as id, count(*)::int as scorecards,
      percentile_cont(0.5) within group (order by extract(epoch from submitted_at - ends_at) / 3600.0)::float8 as hours,
      count(*) filter (where submitted_at <= ends_at + interval '24 hours')::int as ontime,
      count(submitted_at)::int as timed,
      count(*) filter (where rec is not null and positive is not null and (rec in ('yes', 'strong_yes')) = positive)::int as agreed,
      count(*) filter (where rec is not null and positive is not null)::int as judged
    from sc group by interviewer_id`.execute(db);
  return r.rows;
}

// ── Reliability ───────────────────────────────────────────────────────────────────────────────────

export interface ProfileRow {
  cid: string;
  m: number;
  profile: string;
  count: number;
}

/**
 * Distinct unit profiles (the sorted ratings of a candidate × competency, every panel size) and
 * their counts, in one pass: per unit the count of each rating value (1–4, the column's check), then
 * per competency and counts. The profile text is the sorted ratings joined by commas (what
 * string_agg(rating order by rating) gives) and the order is SQL's, so the seeded bootstrap sees the
 * profiles in the same order. Panel sizes and the ANOVA sums are sums over these (integers, exact).
 */
export async function unitProfiles(db: Db, orgId: string, f: AnalyticsFilter): Promise<ProfileRow[]> {
  const r = await sql<ProfileRow>`
    with co as (${cohort(orgId, f)}),
    u as (
      select r.competency_id as cid,
        count(*) filter (where r.rating = 1) as c1, count(*) filter (where r.rating = 2) as c2,
        count(*) filter (where r.rating = 3) as c3, count(*) filter (where r.rating = 4) as c4
      from ratings r join co on co.id = r.application_id group by r.competency_id, r.application_id
    ),
    p as (select cid, c1, c2, c3, c4, count(*)::int as count from u group by 1, 2, 3, 4, 5)
    select cid, (c1 + c2 + c3 + c4)::int as m,
      ltrim(repeat(',1', c1::int) || repeat(',2', c2::int) || repeat(',3', c3::int) || repeat(',4', c4::int), ',') as profile, count
    from p order by 1, 3`.execute(db);
  return r.rows;
}

export async function competencyNames(db: Db, orgId: string, f: AnalyticsFilter): Promise<Map<string, string>> {
  // Names come from the plans' current versions (the competencies the ratings refer to).
  const r = await sql<{ id: string; name: string }>`
    with co as (${cohort(orgId, f)}),
    plans_used as (select distinct plan_id from co)
    select c.value->>'id' as id, min(c.value->>'name') as name
    from plans_used pu
    join plans p on p.id = pu.plan_id
    join documents d on d.id = p.document_id
    join document_versions v on v.id = d.current_version_id
    cross join lateral jsonb_array_elements(v.body->'competencies') as c(value)
    group by 1`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

// ── Validity ──────────────────────────────────────────────────────────────────────────────────────

const checkpointOrder = sql`case o.checkpoint when '3m' then 3 when '6m' then 6 when '12m' then 12 else 24 end`;

/** The outcome per hired application as a number (booleans 0/1). */
function outcomeValue(outcome: ValidityOutcome): RawBuilder<unknown> {
  switch (outcome) {
    case 'performance_12m':
      return sql`max(o.performance_rating) filter (where o.checkpoint = '12m')::float8`;
    case 'performance_6m':
      return sql`max(o.performance_rating) filter (where o.checkpoint = '6m')::float8`;
    case 'retained_6m':
      return sql`max(o.retained::int) filter (where o.checkpoint = '6m')::float8`;
    case 'retained_12m':
      return sql`max(o.retained::int) filter (where o.checkpoint = '12m')::float8`;
    case 'retained_24m':
      return sql`max(o.retained::int) filter (where o.checkpoint = '24m')::float8`;
    case 'ramp_days':
      return sql`(array_agg(o.ramp_days order by ${checkpointOrder}) filter (where o.ramp_days is not null))[1]::float8`;
    case 'manager_satisfaction':
      return sql`(array_agg(o.manager_satisfaction order by ${checkpointOrder}) filter (where o.manager_satisfaction is not null))[1]::float8`;
    case 'regretted_attrition':
      return sql`max(o.regretted_attrition::int)::float8`;
  }
}

function hiresWithOutcome(orgId: string, f: AnalyticsFilter, outcome: ValidityOutcome): RawBuilder<unknown> {
  return sql`
    co as (${cohort(orgId, f)}),
    hires as (select id, plan_id from co where status = 'hired'),
    yv as (
      select o.application_id, ${outcomeValue(outcome)} as y
      from outcomes o join hires h on h.id = o.application_id group by o.application_id
    ),
    ys as (select application_id, y from yv where y is not null)`;
}

export async function hireCounts(db: Db, orgId: string, f: AnalyticsFilter, outcome: ValidityOutcome): Promise<{ hires: number; withoutcome: number }> {
  const r = await sql<{ hires: number; withoutcome: number }>`
    with ${hiresWithOutcome(orgId, f, outcome)}
    select (select count(*) from hires)::int as hires, (select count(*) from ys)::int as withoutcome`.execute(db);
  return r.rows[0] ?? { hires: 0, withoutcome: 0 };
}

export interface MomentRow {
  kind: string;
  id: string;
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  /** The same sums over average ranks (Spearman). */
  rx: number;
  ry: number;
  rxx: number;
  ryy: number;
  rxy: number;
}

/**
 * Moment sums of (predictor score, outcome) per predictor, over hires with both: the overall score
 * (mean of the per-competency means), each competency, each round, each question (per-question
 * ratings), and each interviewer (their mean rating of the hire). Spearman's sums use average ranks.
 */
export async function validityMoments(db: Db, orgId: string, f: AnalyticsFilter, outcome: ValidityOutcome): Promise<MomentRow[]> {
  const r = await sql<MomentRow>`
    with ${hiresWithOutcome(orgId, f, outcome)},
    rt as (select r.application_id, r.competency_id, r.interviewer_id, r.rating, r.scorecard_id from ratings r join ys on ys.application_id = r.application_id),
    comp as (select application_id, competency_id, avg(rating)::float8 as x from rt group by 1, 2),
    xs as (
      select 'overall' as kind, 'overall' as id, application_id, avg(x)::float8 as x from comp group by application_id
      union all
      select 'competency', competency_id, application_id, x from comp
      union all
      select 'round', i.round_id, rt.application_id, avg(rt.rating)::float8
      from rt join scorecards s on s.id = rt.scorecard_id join interviews i on i.id = s.interview_id group by i.round_id, rt.application_id
      union all
      select 'interviewer', interviewer_id::text, application_id, avg(rating)::float8 from rt group by interviewer_id, application_id
      union all
      select 'question', q.value->>'questionRef', s.application_id, avg((q.value->>'rating')::float8)
      from scorecards s join ys on ys.application_id = s.application_id
      cross join lateral jsonb_array_elements(s.body->'questionRatings') as q(value)
      where s.status = 'submitted' and q.value->>'questionRef' is not null
      group by q.value->>'questionRef', s.application_id
    ),
    pr as (
      select xs.kind, xs.id, xs.x, ys.y,
        (rank() over (partition by xs.kind, xs.id order by xs.x) + (count(*) over (partition by xs.kind, xs.id, xs.x) - 1) / 2.0)::float8 as rx,
        (rank() over (partition by xs.kind, xs.id order by ys.y) + (count(*) over (partition by xs.kind, xs.id, ys.y) - 1) / 2.0)::float8 as ry
      from xs join ys on ys.application_id = xs.application_id
    )
    select kind, id, count(*)::int as n,
      sum(x)::float8 as sx, sum(y)::float8 as sy, sum(x * x)::float8 as sxx, sum(y * y)::float8 as syy, sum(x * y)::float8 as sxy,
      sum(rx)::float8 as rx, sum(ry)::float8 as ry, sum(rx * rx)::float8 as rxx, sum(ry * ry)::float8 as ryy, sum(rx * ry)::float8 as rxy
    from pr group by kind, id order by kind, id`.execute(db);
  return r.rows;
}

/** Per hire with the outcome: the mean rating per competency (for the logistic model), as JSON. */
export async function hireCompetencyMeans(db: Db, orgId: string, f: AnalyticsFilter, outcome: ValidityOutcome): Promise<{ y: number; means: Record<string, number> }[]> {
  const r = await sql<{ y: number; means: Record<string, number> | string }>`
    with ${hiresWithOutcome(orgId, f, outcome)},
    comp as (
      select r.application_id, r.competency_id, avg(r.rating)::float8 as x
      from ratings r join ys on ys.application_id = r.application_id group by 1, 2
    )
    select min(ys.y)::float8 as y, jsonb_object_agg(comp.competency_id, comp.x) as means
    from comp join ys using (application_id) group by comp.application_id order by comp.application_id`.execute(db);
  return r.rows.map((x) => ({ y: x.y, means: typeof x.means === 'string' ? (JSON.parse(x.means) as Record<string, number>) : x.means }));
}

/** Per plan and competency: moment sums of (competency mean, outcome) over the plan's hires. */
export async function planCompetencyMoments(db: Db, orgId: string, f: AnalyticsFilter, outcome: ValidityOutcome): Promise<(MomentRow & { plan: string })[]> {
  const r = await sql<MomentRow & { plan: string }>`
    with ${hiresWithOutcome(orgId, f, outcome)},
    comp as (
      select h.plan_id, r.application_id, r.competency_id, avg(r.rating)::float8 as x
      from ratings r join hires h on h.id = r.application_id group by 1, 2, 3
    )
    select comp.plan_id::text as plan, 'competency' as kind, comp.competency_id as id, count(*)::int as n,
      sum(x)::float8 as sx, sum(y)::float8 as sy, sum(x * x)::float8 as sxx, sum(y * y)::float8 as syy, sum(x * y)::float8 as sxy,
      0::float8 as rx, 0::float8 as ry, 0::float8 as rxx, 0::float8 as ryy, 0::float8 as rxy
    from comp join ys using (application_id) group by 1, 3 order by 1, 3`.execute(db);
  return r.rows;
}

export interface PlanWeightsRow {
  plan: string;
  title: string;
  version: string;
  competencies: { id: string; name: string; weight: number }[];
}

export async function plansOfCohort(db: Db, orgId: string, f: AnalyticsFilter): Promise<PlanWeightsRow[]> {
  const r = await sql<{ plan: string; title: string; version: string; competencies: unknown }>`
    with co as (${cohort(orgId, f)})
    select p.id::text as plan, p.title, d.current_version_id::text as version, v.body->'competencies' as competencies
    from plans p join documents d on d.id = p.document_id join document_versions v on v.id = d.current_version_id
    where p.id in (select distinct plan_id from co) order by p.title`.execute(db);
  return r.rows.map((x) => {
    const list = (typeof x.competencies === 'string' ? JSON.parse(x.competencies) : x.competencies) as { id: string; name: string; weight: number }[];
    return { plan: x.plan, title: x.title, version: x.version, competencies: (list ?? []).map((c) => ({ id: c.id, name: c.name, weight: Number(c.weight) })) };
  });
}

export interface QuestionItemRow {
  ref: string;
  n: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
}

/** Item analysis: per question ref, sums of (question rating, the scorecard's mean competency rating). */
export async function questionItems(db: Db, orgId: string, f: AnalyticsFilter): Promise<QuestionItemRow[]> {
  const r = await sql<QuestionItemRow>`
    with co as (${cohort(orgId, f)}),
    sc as (
      select s.id, s.body from scorecards s join co on co.id = s.application_id
      where s.status = 'submitted' and jsonb_array_length(coalesce(s.body->'questionRatings', '[]'::jsonb)) > 0
    ),
    tot as (select rr.scorecard_id, avg(rr.rating)::float8 as t from ratings rr join sc on sc.id = rr.scorecard_id group by 1),
    it as (
      select q.value->>'questionRef' as ref, (q.value->>'rating')::float8 as x, tot.t as y
      from sc cross join lateral jsonb_array_elements(sc.body->'questionRatings') as q(value)
      join tot on tot.scorecard_id = sc.id
      where q.value->>'questionRef' is not null
    )
    select ref, count(*)::int as n, sum(x)::float8 as sx, sum(x * x)::float8 as sxx, sum(y)::float8 as sy, sum(y * y)::float8 as syy, sum(x * y)::float8 as sxy
    from it group by ref order by ref`.execute(db);
  return r.rows;
}

export async function labelsFor(db: Db, orgId: string, kind: 'round' | 'question', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  if (kind === 'round') {
    const r = await sql<{ id: string; name: string }>`
      select rd.value->>'id' as id, min(rd.value->>'name') as name
      from plans p join documents d on d.id = p.document_id join document_versions v on v.id = d.current_version_id
      cross join lateral jsonb_array_elements(v.body->'rounds') as rd(value)
      where p.org_id = ${orgId} and rd.value->>'id' in (${sql.join(ids)}) group by 1`.execute(db);
    return new Map(r.rows.map((x) => [x.id, x.name]));
  }
  const r = await sql<{ id: string; name: string }>`
    select q.ref as id, min(q.text) as name from questions q
    where q.ref in (${sql.join(ids)}) and (q.org_id is null or q.org_id = ${orgId}) group by q.ref`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

// ── Adverse impact ────────────────────────────────────────────────────────────────────────────────
// Erased applications (candidate_id null, DECISIONS 36) count in the funnel and validity reports but
// not here: every query below keeps only cohort rows that still have a candidate.

function groupExpr(ch: Characteristic): RawBuilder<unknown> {
  switch (ch) {
    case 'sex':
      return sql`nullif(d.sex, 'declined')`;
    case 'raceEthnicity':
      return sql`nullif(d.race_ethnicity, 'declined')`;
    case 'ageBand':
      return sql`nullif(d.age_band, 'declined')`;
    case 'sexRace':
      return sql`case when d.sex <> 'declined' and d.race_ethnicity <> 'declined' then d.sex || ' × ' || d.race_ethnicity end`;
  }
}

function declinedExpr(ch: Characteristic): RawBuilder<unknown> {
  switch (ch) {
    case 'sex':
      return sql`d.sex = 'declined'`;
    case 'raceEthnicity':
      return sql`d.race_ethnicity = 'declined'`;
    case 'ageBand':
      return sql`d.age_band = 'declined'`;
    case 'sexRace':
      return sql`(d.sex = 'declined' or d.race_ethnicity = 'declined')`;
  }
}

export async function demographicCounts(db: Db, orgId: string, f: AnalyticsFilter, ch: Characteristic): Promise<{ provided: number; declined: number; notprovided: number }> {
  const r = await sql<{ provided: number; declined: number; notprovided: number }>`
    with co as (${cohort(orgId, f)})
    select count(*) filter (where d.candidate_id is not null and not (${declinedExpr(ch)}))::int as provided,
      count(*) filter (where d.candidate_id is not null and ${declinedExpr(ch)})::int as declined,
      count(*) filter (where d.candidate_id is null)::int as notprovided
    from co left join demographics d on d.candidate_id = co.candidate_id
    where co.candidate_id is not null`.execute(db);
  return r.rows[0] ?? { provided: 0, declined: 0, notprovided: 0 };
}

export interface StageGroupRow {
  sid: string;
  sname: string;
  pos: number;
  grp: string;
  n: number;
  selected: number;
}

/** Per stage and group: applications decided at the stage (passed or rejected there) and how many passed. */
export async function stageSelections(db: Db, orgId: string, f: AnalyticsFilter, ch: Characteristic): Promise<StageGroupRow[]> {
  // Decided visits (passed, or rejected there) of stages other than rejected and hired, from the
  // per-application masks grouped with the group first (see funnelStages).
  const r = await sql<StageGroupRow>`
    with ${visitsBase(orgId, f)},
    -- The cohort again rather than co: referenced once, each copy is planned inline with the
    -- tables' statistics instead of being materialized.
    cg as (${cohort(orgId, f)}),
    g as (select cg.id as application_id, ${groupExpr(ch)} as grp from cg left join demographics d on d.candidate_id = cg.candidate_id where cg.candidate_id is not null),
    cnt as (
      select reach.opening_id, reach.mask, reach.maxpos, reach.status, g.grp, count(*) as n
      from reach join g using (application_id)
      where g.grp is not null and reach.mask is not null group by 1, 2, 3, 4, 5
    ),
    per as (
      select sp.sid, sp.pos, cnt.grp, cnt.maxpos > sp.pos as passed, cnt.n
      from cnt join sp on sp.opening_id = cnt.opening_id and (cnt.mask >> sp.pos) & 1 = 1
      where sp.kind not in ('rejected', 'hired') and (cnt.maxpos > sp.pos or cnt.status = 'rejected')
    ),
    names as (select sid, min(sname) as sname from st group by sid)
    select per.sid, min(names.sname) as sname, (sum(per.pos * per.n)::numeric / sum(per.n)::numeric)::float8 as pos, per.grp, sum(per.n)::int as n,
      coalesce(sum(per.n) filter (where per.passed), 0)::int as selected
    from per join names using (sid)
    group by per.sid, per.grp order by sum(per.pos * per.n)::numeric / sum(per.n)::numeric, per.sid, per.grp`.execute(db);
  return r.rows;
}

/** Final decision per group: hired out of decided (hired or rejected). */
export async function finalSelections(db: Db, orgId: string, f: AnalyticsFilter, ch: Characteristic): Promise<{ grp: string; n: number; selected: number }[]> {
  const r = await sql<{ grp: string; n: number; selected: number }>`
    with co as (${cohort(orgId, f)})
    select ${groupExpr(ch)} as grp, count(*)::int as n, count(*) filter (where co.status = 'hired')::int as selected
    from co left join demographics d on d.candidate_id = co.candidate_id
    where co.candidate_id is not null and co.status in ('hired', 'rejected') and ${groupExpr(ch)} is not null
    group by 1 order by 1`.execute(db);
  return r.rows;
}

/**
 * Scoring rate (NYC LL144): the overall interview score per application (mean of the per-competency
 * means), the median of all scored applications with a known group, and per group how many score
 * strictly above it.
 */
export async function scoringRates(db: Db, orgId: string, f: AnalyticsFilter, ch: Characteristic): Promise<{ median: number | null; groups: { grp: string; n: number; selected: number }[] }> {
  const r = await sql<{ grp: string; n: number; selected: number; median: number | null }>`
    with co as (${cohort(orgId, f)}),
    comp as (select r.application_id, r.competency_id, avg(r.rating)::float8 as x from ratings r join co on co.id = r.application_id group by 1, 2),
    score as (select application_id, avg(x)::float8 as s from comp group by 1),
    g as (
      select score.s, ${groupExpr(ch)} as grp
      from score join co on co.id = score.application_id left join demographics d on d.candidate_id = co.candidate_id
      where co.candidate_id is not null
    ),
    known as (select * from g where grp is not null),
    med as (select percentile_cont(0.5) within group (order by s)::float8 as m from known)
    select known.grp, count(*)::int as n, count(*) filter (where known.s > med.m)::int as selected, min(med.m)::float8 as median
    from known cross join med group by known.grp order by known.grp`.execute(db);
  return { median: r.rows[0]?.median ?? null, groups: r.rows.map(({ grp, n, selected }) => ({ grp, n, selected })) };
}

export async function interviewerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`select id::text as id, name from users where id::text in (${sql.join(ids)})`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}
