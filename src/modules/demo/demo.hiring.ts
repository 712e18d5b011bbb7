import type { OrgRole } from '../../shared/common.ts';
import type { Ctx } from '../../server/context.ts';
import { createCandidate, moveApplication } from '../candidates/candidates.service.ts';
import type { ScorecardBody } from '../feedback/feedback.contract.ts';
import { myScorecard, saveScorecard } from '../feedback/feedback.service.ts';
import { createInterview } from '../interviews/interviews.service.ts';
import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../../server/db/connect.ts';
import { recordConsent, uploadTranscript } from '../intelligence/intelligence.service.ts';
import { generateForJob, publishJobDescription } from '../jd/jd.service.ts';
import { createJob } from '../openings/openings.service.ts';

type DemoMember = { id: string; role: OrgRole };
const HOUR = 3_600_000;

function as(ctx: Ctx, orgId: string, m: DemoMember): Ctx {
  return { ...ctx, actor: { userId: m.id, sessionId: null, org: { id: orgId, role: m.role, compliance: false } } };
}

/**
 * The demo's hiring data, made through the same services as the app: a CTO job with four
 * candidates at different points (a finished deep dive with a split panel, an upcoming screen,
 * a rejection, an overdue scorecard), the deep dive's transcript and a published job description; a
 * draft CPO job with a draft description. All people are fictional.
 */
export async function seedDemoHiring(ctx: Ctx, orgId: string, members: Record<OrgRole, DemoMember>): Promise<void> {
  const recruiter = as(ctx, orgId, members.recruiter);
  const now = ctx.clock.now().getTime();
  const hour = Math.floor(now / HOUR) * HOUR; // times on the hour, whatever the minute now
  const at = (hours: number) => new Date(hour + hours * HOUR).toISOString();
  const job = await createJob(recruiter, {
    roleId: 'cto',
    location: 'Lisbon',
    remotePolicy: 'hybrid',
    status: 'open',
    team: [
      { userId: members.hiring_manager.id, teamRole: 'hiring_manager', roundId: '' },
      { userId: members.recruiter.id, teamRole: 'recruiter', roundId: '' },
      { userId: members.interviewer.id, teamRole: 'interviewer', roundId: 'deep-dive' },
    ],
  });
  const cpo = await createJob(recruiter, { roleId: 'cpo', location: 'Remote (Europe)', remotePolicy: 'remote', status: 'draft', team: [{ userId: members.hiring_manager.id, teamRole: 'hiring_manager', roundId: '' }] });

  // Job descriptions: the CTO job's is published on /careers/lumen-harbor; the CPO job's is a draft.
  const company = {
    name: 'Lumen Harbor',
    mission: 'Help coastal towns plan for flooding with open, trustworthy data',
    industry: 'climate-risk software',
    stage: 'series-b' as const,
    headcount: 140,
    headquarters: 'Lisbon, Portugal',
    locations: ['Lisbon, Portugal'],
    remotePolicy: 'hybrid' as const,
    reportsTo: 'CEO',
    teamSize: 45,
    salary: { min: 150000, max: 185000, currency: 'EUR', period: 'year' as const },
    equity: 'Share options vesting over four years',
    benefits: ['30 days of paid leave', 'A yearly learning budget of €2,000', 'Twenty weeks of fully paid parental leave'],
    emphasis: ['technology-strategy-architecture'],
  };
  const ctoJd = await generateForJob(recruiter, job.id, { settings: { company, tone: 'warm', length: 'standard', language: 'en' }, baseVersionId: null });
  await publishJobDescription(as(ctx, orgId, members.hiring_manager), job.id, { versionId: ctoJd.currentVersion!.id, validThrough: null, employmentType: 'FULL_TIME' });
  await generateForJob(recruiter, cpo.id, {
    settings: { company: { ...company, locations: ['Portugal', 'Spain', 'Germany'], remotePolicy: 'remote', teamSize: 25, emphasis: ['product-vision-strategy'] }, tone: 'startup', length: 'standard', language: 'en' },
    baseVersionId: null,
  });

  const add = async (name: string, email: string, source: string, notes: string | null) => {
    const c = await createCandidate(recruiter, { name, email, source, notes, links: [], phone: null, jobId: job.id });
    return c.applications[0]!.id;
  };
  const maya = await add('Maya Lindqvist', 'maya.lindqvist@example.com', 'referral', 'Led a platform group of 60 through a cloud migration.');
  const jonas = await add('Jonas Ferreira', 'jonas.ferreira@example.com', 'agency', null);
  const priya = await add('Priya Raman', 'priya.raman@example.com', 'inbound', null);
  const tobias = await add('Tobias Grün', 'tobias.gruen@example.com', 'sourced', 'Second-time CTO; asked about equity early.');

  await moveApplication(recruiter, maya, { toStage: 'deep-dive' });
  await moveApplication(recruiter, jonas, { toStage: 'screen' });
  await moveApplication(recruiter, priya, { toStage: 'rejected', reasonCode: 'compensation', note: 'Expectations well above the approved range.' });
  await moveApplication(recruiter, tobias, { toStage: 'screen' });

  const deepDive = await createInterview(recruiter, maya, { roundId: 'deep-dive', interviewerIds: [members.hiring_manager.id, members.interviewer.id], startsAt: at(-50), endsAt: at(-48.5), timeZone: 'Europe/Lisbon', location: 'Video call' });
  await createInterview(recruiter, jonas, { roundId: 'screen', interviewerIds: [members.interviewer.id], startsAt: at(26), endsAt: at(26.75), timeZone: 'Europe/Lisbon', location: 'Phone' });
  await createInterview(recruiter, tobias, { roundId: 'screen', interviewerIds: [members.interviewer.id], startsAt: at(-31), endsAt: at(-30.25), timeZone: 'Europe/Lisbon', location: 'Phone' });

  const scorecards: [DemoMember, ScorecardBody][] = [
    [
      members.interviewer,
      {
        ratings: {
          'infrastructure-operations': { rating: 4, evidence: 'Walked through the incident process she built: error budgets per service, blameless reviews, paging load halved in two quarters.' },
          'innovation-rd-investment': { rating: 3, evidence: 'Funds a small platform-research team; could name two bets she killed and why.' },
          'technology-strategy-architecture': { rating: 2, evidence: 'Described the target architecture mostly in vendor terms; little on the trade-offs she would make for our scale.' },
        },
        questionRatings: [],
        recommendation: 'yes',
        notes: 'Strong operator. Probe strategy depth in the case round.',
        redFlags: [],
      },
    ],
    [
      members.hiring_manager,
      {
        ratings: {
          'infrastructure-operations': { rating: 3, evidence: 'Solid on reliability practice; numbers matched what Eli heard.' },
          'innovation-rd-investment': { rating: 2, evidence: 'R&D budget framed as a percentage of headcount, not tied to outcomes.' },
          'technology-strategy-architecture': { rating: 4, evidence: 'Sketched a staged move off the monolith with clear decision points and what would make her stop.' },
        },
        questionRatings: [],
        recommendation: 'no',
        notes: 'Impressive architecture thinking, but unsure she would invest ahead of demand.',
        redFlags: [],
      },
    ],
  ];
  for (const [m, body] of scorecards) {
    const c = as(ctx, orgId, m);
    const card = await myScorecard(c, deepDive.id);
    await saveScorecard(c, card.id, { baseVersion: card.version, body, submit: true });
  }

  // The deep dive's transcript (content/demo), after the candidate's recording consent: coverage,
  // evidence, and one risky question flagged.
  const hm = as(ctx, orgId, members.hiring_manager);
  await recordConsent(hm, deepDive.id, { wordingVersion: 'recording-notice-v1', givenAt: at(-50.1) });
  const vtt = fs.readFileSync(path.join(findPackageRoot(), 'content', 'demo', 'maya-deep-dive.vtt'), 'utf8');
  await uploadTranscript(hm, deepDive.id, { fileName: 'maya-deep-dive.vtt', content: vtt });
}
