/**
 * Interview guides generated from the knowledge base: a complete loop for a role, deterministic
 * (the same content gives the same guide). Pure; structural input types.
 */

export interface GuideRole {
  id: string;
  title: string;
  abbreviation: string;
  family: string;
  summary: string;
  responsibilities: { title: string; description: string }[];
  focus: { successAt90Days: string[]; successAtOneYear: string[] };
}
export interface GuideCompetency {
  id: string;
  name: string;
  roleWeights: Record<string, number>;
  anchors: Record<'1' | '2' | '3' | '4', { label: string; behaviours: string[] }>;
}
export interface GuideQuestion {
  id: string;
  text: string;
  type: 'behavioural' | 'situational' | 'technical' | 'product-case' | 'motivational';
  competencies: string[];
  probes: string[];
  minutes: number;
  roles?: string[];
}

export type RoundKind = 'recruiter-screen' | 'hiring-manager-deep-dive' | 'competency-interview' | 'case-presentation' | 'executive-panel' | 'reference-check';

export interface GuidePlan {
  format: 'rubric.plan/v1';
  title: string;
  roleId: string | null;
  outcomes: { ninetyDays: string[]; oneYear: string[] };
  competencies: { id: string; name: string; weight: number; anchors: Record<'1' | '2' | '3' | '4', string> }[];
  rounds: {
    id: string;
    name: string;
    kind: RoundKind;
    minutes: number;
    interviewers: number;
    focus: string[];
    questions: { questionRef: string | null; text: string; type: GuideQuestion['type']; competencies: string[]; probes: string[]; minutes: number }[];
    interviewerDirections: string;
    candidateDirections: string;
  }[];
  scorecard: { rounds: { roundId: string; competencies: string[] }[]; evidenceRequired: boolean; recommendationScale: ['strong_no', 'no', 'yes', 'strong_yes'] };
  debrief: { agenda: string[] };
  references: { questions: string[] };
}

export interface Guide {
  roleId: string;
  title: string;
  howToUse: string[];
  jobSummary: { summary: string; responsibilities: string[] };
  plan: GuidePlan;
}

/** Splits 100 points over weights by the largest-remainder method (ties by order): sums to exactly 100. */
export function apportion(weights: number[], total = 100): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

const MAX_COMPETENCIES = 8;
const OPENING_MINUTES = 10;

function caseRound(role: GuideRole): { name: string; interviewer: string; candidate: string } {
  switch (role.family) {
    case 'product':
      return {
        name: 'Product strategy presentation',
        interviewer:
          'The candidate presents a product strategy for a realistic brief you send a week ahead (market, customers, current product, constraints). Spend 30 minutes on the presentation and the rest on questions: challenge the choices, the evidence behind them and what they would stop doing.',
        candidate:
          'Prepare a 30-minute product strategy for the brief you received: where to play, for whom, what to build first and what not to build, how you would know it works. Slides are optional; clear reasoning matters more than polish.',
      };
    case 'technology':
      return {
        name: 'Architecture and technology-strategy review',
        interviewer:
          'The candidate reviews an architecture and technology situation you send a week ahead (current system, scale, incidents, team, budget). They present a 12–18 month technology strategy; probe trade-offs, risk, sequencing, cost and how they would bring the teams along.',
        candidate:
          'Prepare a 30-minute technology strategy for the situation you received: the state you would aim for, the order of the moves, the risks and their mitigations, and what you would need from the business. Diagrams welcome.',
      };
    case 'combined':
      return {
        name: 'Product and technology strategy review',
        interviewer:
          'The candidate receives one brief covering both the product position and the technology state. They present how they would run both: the investment split, the roadmap, the architecture moves and the organization. Probe how they trade product bets against platform work.',
        candidate:
          'Prepare a 30-minute plan covering product direction and technology together: what you would build, what you would fix underneath, how you would split investment, and how you would organize the teams.',
      };
    case 'information':
      return {
        name: 'IT modernization roadmap review',
        interviewer:
          'The candidate reviews an internal IT landscape you send ahead (systems, contracts, audit findings, budget). They present a modernization roadmap; probe sequencing, risk to operations, vendor strategy, controls and the business case.',
        candidate:
          'Prepare a 30-minute modernization roadmap for the landscape you received: priorities, sequencing, vendor and sourcing choices, risks and controls, and how you would measure progress.',
      };
    default:
      return {
        name: 'Transformation plan review',
        interviewer:
          'The candidate reviews a business facing a digital shift (channels, customers, operating model, data). They present a transformation plan; probe measurable outcomes, sequencing, governance and how they would win over the business units.',
        candidate:
          'Prepare a 30-minute transformation plan for the business you received: the outcomes, the first moves, the operating-model changes and how you would measure progress.',
      };
  }
}

/** Picks up to `minutes` of questions for a round's focus competencies: behavioural first, role-apt first. */
function pickQuestions(focus: string[], bank: GuideQuestion[], roleId: string, minutes: number, used: Set<string>, preferTypes: GuideQuestion['type'][]) {
  const chosen: GuideQuestion[] = [];
  let left = minutes;
  const rank = (q: GuideQuestion) => {
    const typeRank = preferTypes.indexOf(q.type);
    return (typeRank === -1 ? 10 : typeRank) * 10 + (q.roles?.includes(roleId) ? 0 : 5);
  };
  for (const competency of focus) {
    const candidates = bank
      .filter((q) => q.competencies[0] === competency && !used.has(q.id))
      .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
    const q = candidates.find((c) => c.minutes <= left);
    if (!q) continue;
    chosen.push(q);
    used.add(q.id);
    left -= q.minutes;
  }
  return chosen;
}

function anchorText(c: GuideCompetency, level: '1' | '2' | '3' | '4'): string {
  return `${c.anchors[level].label}: ${c.anchors[level].behaviours.join(' ')}`;
}

/**
 * A complete guide for a library role: the role's most important competencies (weights scaled to
 * 100), a seven-round loop where every competency is assessed at least twice and no round focuses
 * on more than four, questions from the bank that fit each round's time, the scorecard with
 * anchors, the debrief agenda and reference-check questions.
 */
export function generateGuide(role: GuideRole, competencies: GuideCompetency[], bank: GuideQuestion[]): Guide {
  const ranked = competencies
    .filter((c) => (c.roleWeights[role.id] ?? 0) > 0)
    .sort((a, b) => b.roleWeights[role.id]! - a.roleWeights[role.id]! || a.id.localeCompare(b.id))
    .slice(0, MAX_COMPETENCIES);
  const weights = apportion(ranked.map((c) => c.roleWeights[role.id]!));
  const ids = ranked.map((c) => c.id);
  const top = ids.slice(0, 3);
  const rest = ids.slice(3);
  const half = Math.ceil(rest.length / 2);
  const restA = rest.slice(0, half);
  const restB = rest.slice(half);
  const caseSpec = caseRound(role);
  const byName = new Map(ranked.map((c) => [c.id, c.name]));
  const names = (xs: string[]) => xs.map((x) => byName.get(x) ?? x).join(', ');

  // Every competency appears in at least two assessing rounds (the deep dive or one of the
  // competency interviews, plus the case or the panel); no round focuses on more than four.
  const caseFocus = [...top.slice(0, 2), ...restA.slice(0, 2)].slice(0, 4);
  const panelFocus = [...new Set([top[2], ...restB, ...restA.slice(2)].filter((x): x is string => !!x))].slice(0, 4);
  const uncovered = ids.filter((id) => [top, caseFocus, panelFocus, restA, restB].flat().filter((x) => x === id).length < 2);
  const interviewA = [...restA, ...uncovered.filter((u) => !restA.includes(u))].slice(0, 4);
  const interviewB = [...restB, ...uncovered.filter((u) => !restB.includes(u) && !interviewA.includes(u))].slice(0, 4);

  const used = new Set<string>();
  const round = (
    id: string,
    name: string,
    kind: RoundKind,
    minutes: number,
    interviewers: number,
    focus: string[],
    prefer: GuideQuestion['type'][],
    interviewerDirections: string,
    candidateDirections: string,
    withQuestions = true,
  ) => ({
    id,
    name,
    kind,
    minutes,
    interviewers,
    focus,
    questions: withQuestions
      ? pickQuestions(focus, bank, role.id, minutes - OPENING_MINUTES, used, prefer).map((q) => ({
          questionRef: `library:${q.id}`,
          text: q.text,
          type: q.type,
          competencies: q.competencies.filter((c) => ids.includes(c)).length ? q.competencies.filter((c) => ids.includes(c)) : [focus[0]!],
          probes: q.probes,
          minutes: q.minutes,
        }))
      : [],
    interviewerDirections,
    candidateDirections,
  });

  const motivational = bank.find((q) => q.type === 'motivational' && ids.includes(q.competencies[0]!));
  const screen = round(
    'screen',
    'Recruiter screen',
    'recruiter-screen',
    30,
    1,
    [],
    [],
    `Confirm the essentials (scope, location and travel expectations, work authorization, compensation expectations — never salary history) and the candidate's motivation for a ${role.title} role. Explain the process and the rounds. Do not rate competencies here.`,
    `A 30-minute conversation about the role, your motivation, the practicalities and the interview process. Bring your questions.`,
    false,
  );
  if (motivational) {
    screen.questions.push({ questionRef: `library:${motivational.id}`, text: motivational.text, type: motivational.type, competencies: [motivational.competencies[0]!], probes: motivational.probes, minutes: Math.min(motivational.minutes, 15) });
  }

  const rounds = [
    screen,
    round(
      'deep-dive',
      'Hiring-manager deep dive',
      'hiring-manager-deep-dive',
      60,
      1,
      top,
      ['behavioural', 'situational'],
      `Go deep on the three competencies that matter most for this ${role.abbreviation}: ${names(top)}. Ask every question as written, use the probes to get to the candidate's own actions, numbers and trade-offs, and write evidence, not impressions.`,
      'A one-hour conversation with the hiring manager about situations you led. Expect follow-up questions on your own role, the decisions you made and the results.',
    ),
    round(
      'competency-a',
      'Competency interview A',
      'competency-interview',
      60,
      2,
      interviewA,
      ['behavioural', 'technical', 'product-case', 'situational'],
      `Two interviewers; one asks, one takes notes, then swap. Cover ${names(interviewA)}. Rate each competency on your own before any discussion.`,
      'A one-hour structured interview with two people. Every candidate gets the same core questions.',
    ),
    round(
      'competency-b',
      'Competency interview B',
      'competency-interview',
      60,
      2,
      interviewB,
      ['behavioural', 'situational', 'technical', 'product-case'],
      `Two interviewers; cover ${names(interviewB)}. Use the probes; record the evidence for each rating.`,
      'A one-hour structured interview with two people on different topics from the previous round.',
    ),
    round(
      'case',
      caseSpec.name,
      'case-presentation',
      90,
      3,
      caseFocus,
      ['product-case', 'technical', 'situational'],
      caseSpec.interviewer,
      caseSpec.candidate,
    ),
    round(
      'panel',
      'Executive panel',
      'executive-panel',
      60,
      3,
      panelFocus,
      ['situational', 'behavioural'],
      `Peers from the leadership team. Focus on ${names(panelFocus)}: how the candidate would work with this executive team, influence without authority and handle a disagreement at the top.`,
      'A conversation with future peers on the leadership team about how you work with them and the board.',
    ),
    round(
      'references',
      'Reference checks',
      'reference-check',
      30,
      1,
      [],
      [],
      'Speak with at least two references the candidate chose and, with the candidate\'s consent, one they did not. Ask the same questions of each; note specific examples.',
      'We will ask for two or three references who saw your work closely, and ask your consent before contacting anyone else.',
      false,
    ),
  ];

  const plan: GuidePlan = {
    format: 'rubric.plan/v1',
    title: `${role.title} interview plan`,
    roleId: role.id,
    outcomes: { ninetyDays: role.focus.successAt90Days, oneYear: role.focus.successAtOneYear },
    competencies: ranked.map((c, i) => ({
      id: c.id,
      name: c.name,
      weight: weights[i]!,
      anchors: { '1': anchorText(c, '1'), '2': anchorText(c, '2'), '3': anchorText(c, '3'), '4': anchorText(c, '4') },
    })),
    rounds,
    scorecard: {
      rounds: rounds.filter((r) => r.focus.length).map((r) => ({ roundId: r.id, competencies: r.focus })),
      evidenceRequired: true,
      recommendationScale: ['strong_no', 'no', 'yes', 'strong_yes'],
    },
    debrief: {
      agenda: [
        'Confirm every interviewer submitted their scorecard before the meeting; nobody changes a rating after seeing others without writing why.',
        'Review the competency × round ratings side by side; start with the competencies where ratings disagree most.',
        'For each disagreement, each interviewer states the evidence behind the rating (what the candidate said or did), not the impression.',
        `Check the evidence against the outcomes expected at 90 days and one year for this ${role.abbreviation}.`,
        'Name the risks of hiring and how they would be mitigated in onboarding.',
        'The decider records the decision and the reasons in writing.',
      ],
    },
    references: {
      questions: [
        'In what capacity did you work with the candidate, for how long, and how closely?',
        ...ranked.slice(0, 4).map((c) => `Can you describe a specific situation where you saw the candidate's ${c.name.toLowerCase()}? What did they do, and what happened?`),
        'What should their next manager know to help them succeed in the first 90 days?',
        'If you could hire them again for a role like this one, would you? Why?',
      ],
    },
  };

  return {
    roleId: role.id,
    title: `Interview guide: ${role.title}`,
    howToUse: [
      'Customise first: adjust the competencies and weights to your context, then keep the plan fixed for every candidate in the search.',
      'Brief the panel together: who covers which competency in which round, and what the anchors mean.',
      'Ask every candidate the same core questions in the same order; use the probes to get specific evidence.',
      'Take notes of what was said and done. Rate each competency on its anchors and submit your scorecard independently, before the debrief and before reading anyone else\'s.',
      'Decide in the debrief on evidence against the outcomes, not on overall impressions.',
    ],
    jobSummary: { summary: role.summary, responsibilities: role.responsibilities.slice(0, 6).map((r) => `${r.title}: ${r.description}`) },
    plan,
  };
}
