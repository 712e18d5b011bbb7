/**
 * Seeded synthetic hiring history with planted structure, for recovery tests, demos and benchmarks
 * (`rubric demo generate --candidates N --seed S`). Pure: no I/O, no clock, no `Math.random`; the same
 * options always give the same records, byte for byte.
 *
 * The world
 * - Six Rubric competencies with the organisation's weights (which sum to 1). Every candidate has a
 *   latent ability per competency, independent across competencies and of everything else:
 *   ability_c = 2.5 + 0.75·z_c on the 1–4 rating scale, z_c ~ N(0, 1).
 * - Two competencies are truly predictive (`planted.predictive`): later job performance is driven by
 *   their latent ability; the other four have zero true validity. The organisation's weights do not
 *   know this (the heaviest-weighted competency predicts nothing).
 * - 24 interviewers, each with a leniency (added to every rating they give) and a noise sd (0.45–0.75).
 *   Every interviewer has leniency exactly 0 except two: `planted.lenient` (+0.8) and
 *   `planted.severe` (−0.7), chosen at random by the seed.
 * - Five jobs; each interview loop has 3 or 4 rounds, each round rating 2–3 competencies. In 4-round
 *   loops every competency is rated twice; in 3-round loops engineering execution (predictive) and
 *   business acumen (not predictive) are rated twice and the others once.
 * - Candidates: one application each, to a random job; applied dates spread over `months` from
 *   `start` (fewer on weekends, a gentle upward trend), non-decreasing in the candidate number.
 *   Source and self-identified demographics (sex, race/ethnicity, age band; each may be 'declined')
 *   are drawn independently of ability and of each other.
 *
 * The pipeline: applied → screen → interview → offer → hired (or → rejected with a reason code from
 * any stage). With G the weighted latent ability (Σ w_c z_c scaled to sd 1) and σ the logistic:
 * - applied: a résumé review passes with σ(−0.1 + 0.9·s), s = 0.5·G + noise (corr 0.5 with G);
 *   2 % withdraw.
 * - screen: a recruiter call passes with σ(0.35 + 1.0·s), s = 0.6·G + noise, EXCEPT for candidates
 *   whose recorded age band is '40 and over', whose pass probability is multiplied by 0.6
 *   (`planted.disparity`). The multiplier does not depend on ability, so the 40-and-over candidates
 *   who pass are no different from the others and no later stage inherits a disparity. It is keyed
 *   to the recorded self-identification so the planted truth is exactly what an audit of the
 *   demographics can see; 'declined' carries none of it. 4 % withdraw.
 * - interview: 5 % withdraw before the loop; otherwise 3–4 interviews, each by a different random
 *   interviewer, each rating its round's competencies
 *   rating = round(clamp(ability_c + leniency + N(0, noiseSd²), 1, 4)).
 *   The debrief offers with σ(−0.6 + 3·(W − 2.75)), W the weighted mean of the per-competency mean
 *   ratings; no group enters this or any other stage except the screen.
 * - offer: 80 % accept (→ hired); the rest decline (→ rejected, 'compensation' or 'withdrew').
 * Every move has a date: time in stage is log-normal (medians 4, 7, 6 + 3 per interview + 3, 6 days),
 * moves fall on weekdays in working hours, scorecards arrive hours after the interview.
 *
 * Outcomes (hires only, so any validity computed from them is range-restricted): a latent performance
 * P = 0.55·z_a + 0.55·z_b + 0.6·ε over the predictive competencies a, b (sd ≈ 1);
 * - performance at 6 and 12 months, 1–5: round(clamp(3 + 0.7·P + N(0, 0.5²))) and
 *   round(clamp(3.1 + 0.85·P + N(0, 0.35²))), null when the person left before the review;
 * - tenure: exponential with monthly hazard 0.012·exp(−P) (retention rises with performance),
 *   retained6m/12m/24m, `leftAt` when they left within 24 months, `regrettedAttrition` for leavers
 *   (true when P + N(0, 0.5²) > 0, so mostly the good ones);
 * - ramp days round(clamp(120 − 25·P + N(0, 20²), 30, 270)); manager satisfaction at 6 months, 1–5.
 *
 * Observation date. By default everything is observed (outcomes up to 24 months after the start date,
 * even past the application window). With `asOf`, the same world is censored: candidates who applied
 * later do not exist, later moves, decisions and ratings are missing (the application stays active at
 * its last stage), interviews exist once the candidate reached the interview stage, and outcomes
 * that were not yet due are null. Censoring draws no random numbers, so it never changes the world.
 *
 * Streaming. `generateHistoryChunks` yields the records candidate by candidate in chunks (O(1) work
 * per candidate, memory bounded by the chunk), so a database writer can insert in batches;
 * concatenating the chunks' arrays gives exactly `generateHistory`. The static tables
 * (competencies, interviewers, jobs) come in the first chunk only; `planted` is on every chunk.
 *
 * Randomness: one mulberry32 stream for the static world and one consumed candidate by candidate, both
 * seeded from a hash of the seed, so the records do not depend on the chunk size.
 */
import { aliasSampler, mulberry32, type Random } from './random.ts';

// ---------------------------------------------------------------------------------------------------
// Record shapes
// ---------------------------------------------------------------------------------------------------

export interface GenerateHistoryOptions {
  /** Number of candidates (a non-negative integer); each has one application. */
  candidates: number;
  /** Any safe integer. */
  seed: number;
  /** First day of the application window, YYYY-MM-DD (UTC); default '2025-01-01'. */
  start?: string;
  /** Length of the application window in calendar months, 1–120; default 18. */
  months?: number;
  /** Observation date (ISO date or date-time): censor everything after it. Default: observe everything. */
  asOf?: string;
}

export type SyntheticStage = 'applied' | 'screen' | 'interview' | 'offer' | 'hired' | 'rejected';
export type Sex = 'female' | 'male' | 'declined';
export type RaceEthnicity = 'White' | 'Asian' | 'Hispanic or Latino' | 'Black or African American' | 'Two or More Races' | 'declined';
export type AgeBand = 'under 40' | '40 and over' | 'declined';
export type DemographicCharacteristic = 'sex' | 'raceEthnicity' | 'ageBand';
export type CandidateSource = 'careers site' | 'referral' | 'sourced' | 'agency' | 'job board';

export interface SyntheticCompetency {
  /** A Rubric competency id (content/competencies). */
  id: string;
  name: string;
  /** The organisation's weight in the weighted score; the six weights sum to 1. */
  weight: number;
}

export interface SyntheticInterviewer {
  /** 'u001' … 'u024'. */
  id: string;
  name: string;
  email: string;
  title: string;
  /** Planted: added to every rating (1–4 scale) before rounding. 0 except for the two planted ones. */
  leniency: number;
  /** Planted: sd of the normal noise added to every rating. */
  noiseSd: number;
}

export interface SyntheticRound {
  /** 'r1' … 'r4'. */
  id: string;
  name: string;
  competencyIds: string[];
}

export interface SyntheticJob {
  /** 'j01' … 'j05'. */
  id: string;
  title: string;
  /** A Rubric role id (content/roles). */
  roleId: string;
  department: string;
  /** ISO date-time, shortly before the application window. */
  openedAt: string;
  /** An interviewer id; decides at the debrief. */
  hiringManagerId: string;
  /** The interview loop (the only nested field: a static table of a handful of rows). */
  rounds: SyntheticRound[];
}

export interface SyntheticCandidate {
  /** 'c000001', 'c000002', … (at least six digits). */
  id: string;
  name: string;
  /** Unique: contains the candidate id; @example.com. */
  email: string;
  source: CandidateSource;
  /** ISO date-time of the application. */
  createdAt: string;
}

export interface SyntheticApplication {
  /** 'a000001' for candidate 'c000001'. */
  id: string;
  candidateId: string;
  jobId: string;
  appliedAt: string;
  /** Current stage: the last move's target ('rejected' for rejections and withdrawals). */
  stage: SyntheticStage;
  status: 'active' | 'rejected' | 'hired';
  /** Reason code of the rejection (Rubric's default rejection reasons); null unless rejected. */
  rejectionReason: string | null;
  /** Date of the last move. */
  updatedAt: string;
}

export interface SyntheticStageMove {
  /** '<applicationId>-m<seq>'. */
  id: string;
  applicationId: string;
  /** 1, 2, … within the application. */
  seq: number;
  /** null for the first move (into 'applied'). */
  fromStage: SyntheticStage | null;
  toStage: SyntheticStage;
  /** Rejection reason for moves to 'rejected', the decision's reason for offer/hire, else null. */
  reasonCode: string | null;
  movedAt: string;
}

export interface SyntheticInterview {
  /** '<applicationId>-i<n>'. */
  id: string;
  applicationId: string;
  candidateId: string;
  jobId: string;
  roundId: string;
  interviewerId: string;
  startsAt: string;
  endsAt: string;
}

export interface SyntheticRating {
  interviewId: string;
  applicationId: string;
  candidateId: string;
  jobId: string;
  interviewerId: string;
  competencyId: string;
  /** 1–4. */
  rating: number;
  submittedAt: string;
}

export interface SyntheticDecision {
  /** '<applicationId>-d<n>'. */
  id: string;
  applicationId: string;
  decision: 'offer' | 'reject' | 'hire';
  reasonCode: string;
  rationale: string;
  /** The move the decision made. */
  stageMoveId: string;
  /** The job's hiring manager. */
  decidedBy: string;
  decidedAt: string;
}

export interface SyntheticOutcome {
  /** 'o000001' for application 'a000001'. */
  id: string;
  applicationId: string;
  candidateId: string;
  jobId: string;
  /** First day at work (ISO date-time). */
  startedAt: string;
  /** Days until fully productive; null if they left first or it is not yet known. */
  rampDays: number | null;
  /** 1–5 at the 6-month review; null if they had left or it is not yet due. */
  performance6m: number | null;
  /** 1–5 at the 12-month review; null if they had left or it is not yet due. */
  performance12m: number | null;
  /** 1–5, surveyed at 6 months; null if they had left or it is not yet due. */
  managerSatisfaction: number | null;
  /** Still employed 6/12/24 months after the start; null when not yet known. */
  retained6m: boolean | null;
  retained12m: boolean | null;
  retained24m: boolean | null;
  /** When they left, if within 24 months of the start (and observed). */
  leftAt: string | null;
  /** For leavers: whether the organisation regretted the loss; null for stayers. */
  regrettedAttrition: boolean | null;
}

export interface SyntheticDemographics {
  candidateId: string;
  sex: Sex;
  raceEthnicity: RaceEthnicity;
  ageBand: AgeBand;
  /** When the self-identification form came back (after applying). */
  submittedAt: string;
}

export interface PlantedDisparity {
  /** The stage whose pass-through (to the next stage) is lowered. */
  stage: 'screen';
  group: { characteristic: 'ageBand'; value: '40 and over' };
  /** The group's pass probability is multiplied by this. */
  factor: number;
}

/** The truth the analytics should recover. */
export interface SyntheticPlanted {
  seed: number;
  candidates: number;
  /** Application window [start, end) as ISO date-times, and the observation date (null: everything). */
  start: string;
  end: string;
  asOf: string | null;
  /** The competencies that drive performance. */
  predictive: string[];
  /** Effect of each competency's standardised latent ability on latent performance (0 for the rest). */
  validity: Record<string, number>;
  lenient: { interviewerId: string; leniency: number };
  severe: { interviewerId: string; leniency: number };
  disparity: PlantedDisparity;
  /** Latent ability per competency: mean and sd on the 1–4 rating scale. */
  ability: { mean: number; sd: number };
}

export interface SyntheticHistory {
  competencies: SyntheticCompetency[];
  interviewers: SyntheticInterviewer[];
  jobs: SyntheticJob[];
  candidates: SyntheticCandidate[];
  applications: SyntheticApplication[];
  stageMoves: SyntheticStageMove[];
  interviews: SyntheticInterview[];
  ratings: SyntheticRating[];
  decisions: SyntheticDecision[];
  outcomes: SyntheticOutcome[];
  demographics: SyntheticDemographics[];
  planted: SyntheticPlanted;
}

export interface SyntheticHistoryChunk extends SyntheticHistory {
  /** 0, 1, … */
  index: number;
  /** Candidate numbers [firstCandidate, firstCandidate + candidateCount) — 0-based — are in this chunk. */
  firstCandidate: number;
  /** Candidate numbers covered (with `asOf`, some of them may not have applied yet). */
  candidateCount: number;
}

// ---------------------------------------------------------------------------------------------------
// Constants of the world
// ---------------------------------------------------------------------------------------------------

export const SYNTHETIC_STAGES: readonly SyntheticStage[] = ['applied', 'screen', 'interview', 'offer', 'hired', 'rejected'];
/** Stages with a pass/fail decision, in pipeline order, each with the stage a pass moves to. */
export const SYNTHETIC_PIPELINE: readonly { stage: SyntheticStage; next: SyntheticStage }[] = [
  { stage: 'applied', next: 'screen' },
  { stage: 'screen', next: 'interview' },
  { stage: 'interview', next: 'offer' },
  { stage: 'offer', next: 'hired' },
];
export const SEX_VALUES: readonly Sex[] = ['female', 'male', 'declined'];
export const RACE_ETHNICITY_VALUES: readonly RaceEthnicity[] = ['White', 'Asian', 'Hispanic or Latino', 'Black or African American', 'Two or More Races', 'declined'];
export const AGE_BAND_VALUES: readonly AgeBand[] = ['under 40', '40 and over', 'declined'];

const TECH = 'technology-strategy-architecture';
const EXEC = 'engineering-execution-delivery';
const TALENT = 'talent-team-development';
const STAKE = 'stakeholder-communication-influence';
const INFRA = 'infrastructure-operations';
const BIZ = 'business-acumen-commercial';

const COMPETENCIES: readonly SyntheticCompetency[] = [
  { id: TECH, name: 'Technology strategy & architecture', weight: 0.25 },
  { id: EXEC, name: 'Engineering execution & delivery', weight: 0.2 },
  { id: TALENT, name: 'Talent & team development', weight: 0.1 },
  { id: STAKE, name: 'Stakeholder communication & influence', weight: 0.2 },
  { id: INFRA, name: 'Infrastructure & operations', weight: 0.1 },
  { id: BIZ, name: 'Business acumen & commercial judgment', weight: 0.15 },
];
const PREDICTIVE = [EXEC, TALENT] as const;
const VALIDITY_COEFFICIENT = 0.55;
const ABILITY_MEAN = 2.5;
const ABILITY_SD = 0.75;
const LENIENT = 0.8;
const SEVERE = -0.7;
const INTERVIEWER_COUNT = 24;
const DISPARITY: PlantedDisparity = { stage: 'screen', group: { characteristic: 'ageBand', value: '40 and over' }, factor: 0.6 };

const FOUR_ROUNDS: readonly SyntheticRound[] = [
  { id: 'r1', name: 'Technical leadership', competencyIds: [TECH, EXEC, INFRA] },
  { id: 'r2', name: 'People leadership', competencyIds: [TALENT, STAKE, EXEC] },
  { id: 'r3', name: 'Strategy and business', competencyIds: [BIZ, TECH, STAKE] },
  { id: 'r4', name: 'Executive panel', competencyIds: [TALENT, BIZ, INFRA] },
];
const THREE_ROUNDS: readonly SyntheticRound[] = [
  { id: 'r1', name: 'Technical leadership', competencyIds: [TECH, EXEC, INFRA] },
  { id: 'r2', name: 'People and stakeholders', competencyIds: [TALENT, STAKE, BIZ] },
  { id: 'r3', name: 'Delivery and business', competencyIds: [EXEC, BIZ] },
];

const JOBS: readonly { title: string; roleId: string; department: string; rounds: readonly SyntheticRound[]; share: number }[] = [
  { title: 'Chief Technology Officer', roleId: 'cto', department: 'Executive', rounds: FOUR_ROUNDS, share: 0.15 },
  { title: 'VP Engineering', roleId: 'vp-engineering', department: 'Engineering', rounds: FOUR_ROUNDS, share: 0.25 },
  { title: 'Head of Engineering, Platform', roleId: 'head-of-engineering', department: 'Engineering', rounds: THREE_ROUNDS, share: 0.25 },
  { title: 'Chief Information Officer', roleId: 'cio', department: 'Executive', rounds: THREE_ROUNDS, share: 0.15 },
  { title: 'Chief Product & Technology Officer', roleId: 'cpto', department: 'Executive', rounds: FOUR_ROUNDS, share: 0.2 },
];

const SOURCES: readonly CandidateSource[] = ['careers site', 'referral', 'sourced', 'agency', 'job board'];
const SOURCE_SHARES = [0.4, 0.2, 0.25, 0.1, 0.05];
const SEX_SHARES = [0.36, 0.56, 0.08];
const RACE_SHARES = [0.5, 0.18, 0.1, 0.09, 0.05, 0.08];
const AGE_SHARES = [0.48, 0.44, 0.08];

// Rubric's default rejection reasons (modules/openings) and positive decision reasons (modules/feedback).
const REVIEW_REJECTIONS = ['skills_gap', 'leadership_gap', 'location', 'compensation'] as const;
const REVIEW_REJECTION_SHARES = [0.6, 0.25, 0.1, 0.05];
const SCREEN_REJECTIONS = ['skills_gap', 'leadership_gap', 'compensation', 'location'] as const;
const SCREEN_REJECTION_SHARES = [0.45, 0.3, 0.15, 0.1];
const DEBRIEF_REJECTIONS = ['skills_gap', 'leadership_gap'] as const;

const FIRST_NAMES = [
  'Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Avery', 'Quinn', 'Jamie', 'Robin', 'Sam', 'Kai', 'Rowan', 'Sasha', 'Noor', 'Ari',
  'Charlie', 'Dakota', 'Emerson', 'Finley', 'Hayden', 'Jules', 'Kendall', 'Lee', 'Marley', 'Parker', 'Reese', 'Sage', 'Skyler', 'Toni', 'Eden', 'Remy',
];
const LAST_NAMES = [
  'Andersen', 'Baptiste', 'Chen', 'Dubois', 'Eriksen', 'Fernandes', 'Garcia', 'Haddad', 'Ibrahim', 'Jansen', 'Kowalski', 'Lindqvist', 'Mensah', 'Novak', 'Okafor', 'Patel',
  'Rossi', 'Santos', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Yilmaz', 'Zhang', 'Costa', 'Murphy', 'Nakamura', 'Oliveira', 'Quispe', 'Reyes', 'Schmidt', 'Mwangi',
];
const INTERVIEWER_TITLES = ['Engineering Director', 'Principal Engineer', 'VP Product', 'Head of People', 'CFO', 'Staff Engineer', 'Director of Operations', 'COO'];

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Average month, for outcome horizons measured from the start date. */
const MONTH = 30.4375 * DAY;

// ---------------------------------------------------------------------------------------------------
// Small numeric helpers
// ---------------------------------------------------------------------------------------------------

/** 32-bit finaliser (murmur3 fmix32) of two words: spreads a seed into a generator state. */
function mix32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b + 0x632be5ab) | 0, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Standard normal by Box–Muller (one value per call; 1 − u keeps the logarithm finite). */
function normal(rng: Random): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
/** round(clamp(x, lo, hi)) to an integer on an integer scale. */
const toScale = (x: number, lo: number, hi: number): number => Math.round(clamp(x, lo, hi));

/** Index drawn with the given weights by a cumulative scan (for small, fixed category lists). */
function pick(rng: Random, shares: readonly number[]): number {
  let u = rng();
  for (let i = 0; i < shares.length - 1; i++) {
    u -= shares[i]!;
    if (u < 0) return i;
  }
  return shares.length - 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A log-normal number of days with the given median, at least `min`. */
function days(rng: Random, median: number, sigma: number, min = 1): number {
  return Math.max(min, median * Math.exp(sigma * normal(rng)));
}

/**
 * A working moment `d` days after `after`: the calendar day of after + d (moved past a weekend), at
 * 08:00–17:59 UTC to the minute. With d ≥ 1 the result is always later than `after`.
 */
function workMoment(rng: Random, after: number, d: number): number {
  let day = Math.floor((after + d * DAY) / DAY);
  const weekday = new Date(day * DAY).getUTCDay();
  if (weekday === 6) day += 2;
  else if (weekday === 0) day += 1;
  return day * DAY + 8 * HOUR + Math.floor(rng() * 600) * MINUTE;
}

// ---------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------

interface Resolved {
  candidates: number;
  seed: number;
  startMs: number;
  endMs: number;
  /** Observation time in ms; Infinity when everything is observed. */
  until: number;
  asOf: string | null;
}

function resolveOptions(opts: GenerateHistoryOptions): Resolved {
  const { candidates, seed } = opts;
  if (!Number.isSafeInteger(candidates) || candidates < 0) throw new RangeError(`candidates must be a non-negative integer, got ${String(candidates)}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  const start = opts.start ?? '2025-01-01';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const startMs = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(startMs) || iso(startMs).slice(0, 10) !== start) throw new RangeError(`start must be a date YYYY-MM-DD, got ${JSON.stringify(start)}`);
  const months = opts.months ?? 18;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be an integer from 1 to 120, got ${String(months)}`);
  const s = new Date(startMs);
  const endMs = Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + months, s.getUTCDate());
  let until = Infinity;
  let asOf: string | null = null;
  if (opts.asOf !== undefined) {
    until = /^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) ? Date.parse(`${opts.asOf}T23:59:59.999Z`) : Date.parse(opts.asOf);
    if (!Number.isFinite(until)) throw new RangeError(`asOf must be an ISO date or date-time, got ${JSON.stringify(opts.asOf)}`);
    asOf = iso(until);
  }
  return { candidates, seed, startMs, endMs, until, asOf };
}

// ---------------------------------------------------------------------------------------------------
// The static world
// ---------------------------------------------------------------------------------------------------

interface World {
  competencies: SyntheticCompetency[];
  interviewers: SyntheticInterviewer[];
  jobs: SyntheticJob[];
  planted: SyntheticPlanted;
  /** Competency index by id, weights, and per-job rounds as competency indexes. */
  weight: Float64Array;
  jobRounds: { roundId: string; competencies: number[] }[][];
  /** Cumulative share of applications by day of the window (last entry 1). */
  dayCdf: Float64Array;
}

function buildWorld(cfg: Resolved, rng: Random): World {
  const competencies = COMPETENCIES.map((c) => ({ ...c }));
  const index = new Map(competencies.map((c, i) => [c.id, i]));
  const weight = Float64Array.from(competencies.map((c) => c.weight));

  // Two planted interviewers at random positions; everyone else has leniency 0.
  const lenientAt = Math.floor(rng() * INTERVIEWER_COUNT);
  let severeAt = Math.floor(rng() * (INTERVIEWER_COUNT - 1));
  if (severeAt >= lenientAt) severeAt++;
  const interviewers: SyntheticInterviewer[] = [];
  for (let i = 0; i < INTERVIEWER_COUNT; i++) {
    const first = FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)]!;
    const last = LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)]!;
    const id = `u${pad(i + 1, 3)}`;
    interviewers.push({
      id,
      name: `${first} ${last}`,
      email: `${first}.${last}.${id}@example.com`.toLowerCase(),
      title: INTERVIEWER_TITLES[i % INTERVIEWER_TITLES.length]!,
      leniency: i === lenientAt ? LENIENT : i === severeAt ? SEVERE : 0,
      noiseSd: Math.round((0.45 + 0.3 * rng()) * 100) / 100,
    });
  }

  const jobs: SyntheticJob[] = JOBS.map((j, i) => ({
    id: `j${pad(i + 1, 2)}`,
    title: j.title,
    roleId: j.roleId,
    department: j.department,
    openedAt: iso(cfg.startMs - (14 + Math.floor(rng() * 30)) * DAY),
    hiringManagerId: interviewers[Math.floor(rng() * INTERVIEWER_COUNT)]!.id,
    rounds: j.rounds.map((r) => ({ id: r.id, name: r.name, competencyIds: [...r.competencyIds] })),
  }));
  const jobRounds = jobs.map((j) => j.rounds.map((r) => ({ roundId: r.id, competencies: r.competencyIds.map((id) => index.get(id)!) })));

  // Applications per day: weekends at 35 %, rising linearly by 30 % over the window.
  const totalDays = Math.round((cfg.endMs - cfg.startMs) / DAY);
  const dayCdf = new Float64Array(totalDays);
  let acc = 0;
  for (let d = 0; d < totalDays; d++) {
    const weekday = new Date(cfg.startMs + d * DAY).getUTCDay();
    acc += (weekday === 0 || weekday === 6 ? 0.35 : 1) * (1 + (0.3 * d) / totalDays);
    dayCdf[d] = acc;
  }
  for (let d = 0; d < totalDays; d++) dayCdf[d] = dayCdf[d]! / acc;
  dayCdf[totalDays - 1] = 1;

  const validity: Record<string, number> = {};
  for (const c of competencies) validity[c.id] = (PREDICTIVE as readonly string[]).includes(c.id) ? VALIDITY_COEFFICIENT : 0;
  const planted: SyntheticPlanted = {
    seed: cfg.seed,
    candidates: cfg.candidates,
    start: iso(cfg.startMs),
    end: iso(cfg.endMs),
    asOf: cfg.asOf,
    predictive: [...PREDICTIVE],
    validity,
    lenient: { interviewerId: interviewers[lenientAt]!.id, leniency: LENIENT },
    severe: { interviewerId: interviewers[severeAt]!.id, leniency: SEVERE },
    disparity: { stage: DISPARITY.stage, group: { ...DISPARITY.group }, factor: DISPARITY.factor },
    ability: { mean: ABILITY_MEAN, sd: ABILITY_SD },
  };
  return { competencies, interviewers, jobs, planted, weight, jobRounds, dayCdf };
}

/** First day index whose cumulative share exceeds u (binary search). */
function dayOf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------------

function emptyChunk(world: World, index: number, firstCandidate: number): SyntheticHistoryChunk {
  const first = index === 0;
  return {
    index,
    firstCandidate,
    candidateCount: 0,
    competencies: first ? world.competencies : [],
    interviewers: first ? world.interviewers : [],
    jobs: first ? world.jobs : [],
    candidates: [],
    applications: [],
    stageMoves: [],
    interviews: [],
    ratings: [],
    decisions: [],
    outcomes: [],
    demographics: [],
    planted: world.planted,
  };
}

/** Simulates candidate number i (0-based) and appends its observed records to `out`. */
type Simulator = (i: number, out: SyntheticHistoryChunk) => void;

function makeSimulator(world: World, cfg: Resolved, rng: Random): Simulator {
  const nComp = world.competencies.length;
  const weight = world.weight;
  const weightNorm = Math.sqrt(weight.reduce((s, w) => s + w * w, 0));
  const predictive = PREDICTIVE.map((id) => world.competencies.findIndex((c) => c.id === id));
  const jobDraw = aliasSampler(
    JOBS.map((j) => j.share),
    rng,
  );
  const until = cfg.until;
  const N = cfg.candidates;
  const z = new Float64Array(nComp);
  const ratingSum = new Float64Array(nComp);
  const ratingCount = new Int32Array(nComp);
  const used = new Int32Array(INTERVIEWER_COUNT);
  let usedMark = 0;

  return (i, out) => {
    const no = pad(i + 1, 6);
    const candidateId = `c${no}`;
    const applicationId = `a${no}`;

    // --- draws that define the candidate ------------------------------------------------------
    const u = (i + rng()) / N;
    const day = dayOf(world.dayCdf, u);
    const appliedMs = cfg.startMs + day * DAY + (6 * 60 + Math.floor(rng() * 17 * 60)) * MINUTE;
    const first = FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)]!;
    const last = LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)]!;
    const source = SOURCES[pick(rng, SOURCE_SHARES)]!;
    const jobIndex = jobDraw();
    const job = world.jobs[jobIndex]!;
    const sex = SEX_VALUES[pick(rng, SEX_SHARES)]!;
    const race = RACE_ETHNICITY_VALUES[pick(rng, RACE_SHARES)]!;
    const age = AGE_BAND_VALUES[pick(rng, AGE_SHARES)]!;
    const demographicsMs = appliedMs + Math.floor(rng() * 72 * 60) * MINUTE;
    let g = 0;
    for (let c = 0; c < nComp; c++) {
      z[c] = normal(rng);
      g += weight[c]! * z[c]!;
    }
    g /= weightNorm;

    if (appliedMs > until) return; // not applied yet at the observation date (the draws above still happened)

    out.candidates.push({ id: candidateId, name: `${first} ${last}`, email: `${first}.${last}.${candidateId}@example.com`.toLowerCase(), source, createdAt: iso(appliedMs) });
    if (demographicsMs <= until) out.demographics.push({ candidateId, sex, raceEthnicity: race, ageBand: age, submittedAt: iso(demographicsMs) });

    // --- the pipeline ---------------------------------------------------------------------------
    let seq = 0;
    let stage: SyntheticStage = 'applied';
    let status: SyntheticApplication['status'] = 'active';
    let rejectionReason: string | null = null;
    let updatedMs = appliedMs;
    let decisionNo = 0;
    /** Records a move if it is observed; returns its id. */
    const move = (from: SyntheticStage | null, to: SyntheticStage, reasonCode: string | null, ms: number): string => {
      seq++;
      const id = `${applicationId}-m${seq}`;
      if (ms <= until) {
        out.stageMoves.push({ id, applicationId, seq, fromStage: from, toStage: to, reasonCode, movedAt: iso(ms) });
        stage = to;
        updatedMs = ms;
        if (to === 'rejected') {
          status = 'rejected';
          rejectionReason = reasonCode;
        } else if (to === 'hired') status = 'hired';
      }
      return id;
    };
    const decide = (decision: SyntheticDecision['decision'], reasonCode: string, rationale: string, stageMoveId: string, ms: number): void => {
      decisionNo++;
      if (ms <= until) out.decisions.push({ id: `${applicationId}-d${decisionNo}`, applicationId, decision, reasonCode, rationale, stageMoveId, decidedBy: job.hiringManagerId, decidedAt: iso(ms) });
    };
    const finish = (): void => {
      out.applications.push({ id: applicationId, candidateId, jobId: job.id, appliedAt: iso(appliedMs), stage, status, rejectionReason, updatedAt: iso(updatedMs) });
    };

    move(null, 'applied', null, appliedMs);

    // applied: résumé review.
    let t = workMoment(rng, appliedMs, days(rng, 4, 0.6));
    if (rng() < 0.02) {
      move('applied', 'rejected', 'withdrew', t);
      return finish();
    }
    const review = 0.5 * g + Math.sqrt(0.75) * normal(rng);
    if (rng() >= logistic(-0.1 + 0.9 * review)) {
      move('applied', 'rejected', REVIEW_REJECTIONS[pick(rng, REVIEW_REJECTION_SHARES)]!, t);
      return finish();
    }
    move('applied', 'screen', null, t);

    // screen: recruiter call, the planted disparity.
    t = workMoment(rng, t, days(rng, 7, 0.5));
    if (rng() < 0.04) {
      move('screen', 'rejected', 'withdrew', t);
      return finish();
    }
    const call = 0.6 * g + 0.8 * normal(rng);
    const factor = age === DISPARITY.group.value ? DISPARITY.factor : 1;
    if (rng() >= logistic(0.35 + call) * factor) {
      move('screen', 'rejected', SCREEN_REJECTIONS[pick(rng, SCREEN_REJECTION_SHARES)]!, t);
      return finish();
    }
    move('screen', 'interview', null, t);

    // interview loop.
    const entered = t;
    if (rng() < 0.05) {
      move('interview', 'rejected', 'withdrew', workMoment(rng, t, days(rng, 4, 0.5)));
      return finish();
    }
    const rounds = world.jobRounds[jobIndex]!;
    ratingSum.fill(0);
    ratingCount.fill(0);
    usedMark++;
    let lastSubmitted = t;
    for (let r = 0; r < rounds.length; r++) {
      const round = rounds[r]!;
      let who: number;
      do who = Math.floor(rng() * INTERVIEWER_COUNT);
      while (used[who] === usedMark);
      used[who] = usedMark;
      const interviewer = world.interviewers[who]!;
      const startsMs = workMoment(rng, t, r === 0 ? days(rng, 6, 0.5) : days(rng, 3, 0.6));
      const endsMs = startsMs + (r === rounds.length - 1 ? 90 : 60) * MINUTE;
      const submittedMs = endsMs + Math.min(72 * HOUR, Math.round(4 * HOUR * Math.exp(normal(rng)) / MINUTE) * MINUTE);
      t = startsMs;
      if (submittedMs > lastSubmitted) lastSubmitted = submittedMs;
      const interviewId = `${applicationId}-i${r + 1}`;
      if (entered <= until) {
        out.interviews.push({ id: interviewId, applicationId, candidateId, jobId: job.id, roundId: round.roundId, interviewerId: interviewer.id, startsAt: iso(startsMs), endsAt: iso(endsMs) });
      }
      const observed = submittedMs <= until;
      for (const c of round.competencies) {
        const rating = toScale(ABILITY_MEAN + ABILITY_SD * z[c]! + interviewer.leniency + interviewer.noiseSd * normal(rng), 1, 4);
        ratingSum[c] = ratingSum[c]! + rating;
        ratingCount[c] = ratingCount[c]! + 1;
        if (observed) {
          out.ratings.push({
            interviewId,
            applicationId,
            candidateId,
            jobId: job.id,
            interviewerId: interviewer.id,
            competencyId: world.competencies[c]!.id,
            rating,
            submittedAt: iso(submittedMs),
          });
        }
      }
    }
    let weighted = 0;
    let weightUsed = 0;
    for (let c = 0; c < nComp; c++) {
      if (ratingCount[c]! === 0) continue;
      weighted += weight[c]! * (ratingSum[c]! / ratingCount[c]!);
      weightUsed += weight[c]!;
    }
    weighted /= weightUsed;
    const score = weighted.toFixed(2);
    t = workMoment(rng, lastSubmitted, days(rng, 3, 0.5));
    if (rng() >= logistic(-0.6 + 3 * (weighted - 2.75))) {
      const reason = DEBRIEF_REJECTIONS[rng() < 0.65 ? 0 : 1]!;
      decide('reject', reason, `Debrief: weighted score ${score}; not moving forward.`, move('interview', 'rejected', reason, t), t);
      return finish();
    }
    const offerReason = weighted >= 3.25 ? 'exceeds_bar' : 'meets_bar';
    decide('offer', offerReason, `Debrief: weighted score ${score}; make an offer.`, move('interview', 'offer', offerReason, t), t);

    // offer.
    t = workMoment(rng, t, days(rng, 6, 0.5));
    if (rng() >= 0.8) {
      move('offer', 'rejected', rng() < 0.6 ? 'compensation' : 'withdrew', t);
      return finish();
    }
    decide('hire', 'meets_bar', 'Offer accepted.', move('offer', 'hired', 'meets_bar', t), t);
    const hiredMs = t;
    finish();

    // --- outcomes (hires only) ------------------------------------------------------------------
    const performance = VALIDITY_COEFFICIENT * (z[predictive[0]!]! + z[predictive[1]!]!) + 0.6 * normal(rng);
    const startMs = Math.floor((hiredMs + days(rng, 45, 0.3, 14) * DAY) / DAY) * DAY + 9 * HOUR;
    const perf6 = toScale(3 + 0.7 * performance + 0.5 * normal(rng), 1, 5);
    const perf12 = toScale(3.1 + 0.85 * performance + 0.35 * normal(rng), 1, 5);
    const satisfaction = toScale(3.2 + 0.7 * performance + 0.6 * normal(rng), 1, 5);
    const ramp = Math.round(clamp(120 - 25 * performance + 20 * normal(rng), 30, 270));
    const tenureMonths = -Math.log(1 - rng()) / (0.012 * Math.exp(-performance));
    const regretted = performance + 0.5 * normal(rng) > 0;
    if (hiredMs > until) return;
    const leftMs = tenureMonths < 24 ? Math.floor(startMs + tenureMonths * MONTH) : Infinity;
    const leftSeen = leftMs !== Infinity && leftMs <= until;
    /** Value of a measurement taken `months` after the start: null if they had left or it is not yet due. */
    const at = <T>(months: number, value: T): T | null => (tenureMonths < months || startMs + months * MONTH > until ? null : value);
    const retained = (months: number): boolean | null => {
      if (tenureMonths < months) return leftSeen ? false : null;
      return startMs + months * MONTH <= until ? true : null;
    };
    out.outcomes.push({
      id: `o${no}`,
      applicationId,
      candidateId,
      jobId: job.id,
      startedAt: iso(startMs),
      rampDays: tenureMonths * MONTH < ramp * DAY || startMs + ramp * DAY > until ? null : ramp,
      performance6m: at(6, perf6),
      performance12m: at(12, perf12),
      managerSatisfaction: at(6, satisfaction),
      retained6m: retained(6),
      retained12m: retained(12),
      retained24m: retained(24),
      leftAt: leftSeen ? iso(leftMs) : null,
      regrettedAttrition: leftSeen ? regretted : null,
    });
  };
}

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

/**
 * Yields the history in chunks of `chunkSize` candidates (default 5,000), in candidate order. The first
 * chunk also carries the static tables; concatenating every chunk's arrays gives `generateHistory`.
 * At least one chunk is yielded, even for 0 candidates.
 */
export function* generateHistoryChunks(opts: GenerateHistoryOptions, chunkSize = 5000): Generator<SyntheticHistoryChunk, void, undefined> {
  const cfg = resolveOptions(opts);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${String(chunkSize)}`);
  const lo = cfg.seed >>> 0;
  const hi = Math.floor(cfg.seed / 4294967296) >>> 0;
  const base = mix32(lo, hi);
  const world = buildWorld(cfg, mulberry32(mix32(base, 1)));
  const simulate = makeSimulator(world, cfg, mulberry32(mix32(base, 2)));
  let chunk = emptyChunk(world, 0, 0);
  for (let i = 0; i < cfg.candidates; i++) {
    simulate(i, chunk);
    chunk.candidateCount++;
    if (chunk.candidateCount === chunkSize && i + 1 < cfg.candidates) {
      yield chunk;
      chunk = emptyChunk(world, chunk.index + 1, i + 1);
    }
  }
  yield chunk;
}

/** The whole history in memory (one chunk of every candidate). */
export function generateHistory(opts: GenerateHistoryOptions): SyntheticHistory {
  let only: SyntheticHistoryChunk | undefined;
  for (const chunk of generateHistoryChunks(opts, Math.max(1, opts.candidates))) only = chunk;
  const { index: _index, firstCandidate: _first, candidateCount: _count, ...history } = only!;
  return history;
}
