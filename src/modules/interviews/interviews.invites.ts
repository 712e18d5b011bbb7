import type { IcsEvent } from '../../core/scheduling/ics.ts';
import { writeIcs } from '../../core/scheduling/ics.ts';
import type { Ctx } from '../../server/context.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import * as q from './interviews.queries.ts';
import { roundName } from './interviews.service.ts';

/**
 * iCalendar invites for one interview, through the outbox: one message per attendee with a
 * text/calendar attachment (METHOD:REQUEST, or CANCEL), stable UID and the interview's SEQUENCE.
 * Interviewers get a link to their kit; the candidate gets the round's candidate directions.
 */
export async function interviewEvent(ctx: Ctx, interviewId: string, method: 'REQUEST' | 'CANCEL') {
  const iv = await q.interviewForInvite(ctx.db, interviewId);
  const panel = await q.panelWithEmails(ctx.db, interviewId);
  const plan = await planBodyOf(ctx, iv.orgId, iv.planId).catch(() => null);
  const round = plan?.body.rounds.find((r) => r.id === iv.roundId);
  const name = roundName(plan?.body ?? null, iv.stages, iv.roundId);
  const organizer = ctx.actor ? (await q.usersByIds(ctx.db, [ctx.actor.userId]))[0] : undefined;
  const base: Omit<IcsEvent, 'summary' | 'description' | 'url'> = {
    uid: iv.uid,
    sequence: iv.sequence,
    method,
    start: iv.startsAt.getTime(),
    end: iv.endsAt.getTime(),
    stamp: ctx.clock.now().getTime(),
    location: iv.location,
    organizer: { name: organizer?.name ?? iv.orgName, email: organizer?.email ?? ctx.config.mail.from.replace(/^.*<([^>]+)>.*$/, '$1') },
    attendees: [
      ...panel.map((p) => ({ name: p.name, email: p.email, role: p.seat === 'shadow' ? ('OPT-PARTICIPANT' as const) : ('REQ-PARTICIPANT' as const) })),
      { name: iv.candidateName, email: iv.candidateEmail },
    ],
    zone: iv.timeZone,
  };
  return { iv, panel, round, name, base };
}

export async function sendInvites(ctx: Ctx, interviewId: string, method: 'REQUEST' | 'CANCEL', extraCancelled: { name: string; email: string; id: string }[] = []) {
  const { iv, panel, round, name, base } = await interviewEvent(ctx, interviewId, method);
  const verb = method === 'CANCEL' ? 'Cancelled' : iv.sequence > 0 ? 'Updated' : 'Invitation';
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: iv.timeZone }).format(iv.startsAt);
  for (const p of panel) {
    const kit = `${ctx.baseUrl}/interviews/${iv.id}/kit`;
    const ics = writeIcs({ ...base, summary: `Interview: ${iv.candidateName} — ${name} (${iv.jobTitle})`, description: `${p.seat === 'shadow' ? 'You join as a shadow. ' : ''}Interview kit (questions, anchors, directions): ${kit}`, url: kit });
    await queueEmail(ctx, {
      to: p.email,
      subject: `${verb}: interview with ${iv.candidateName} — ${name}`,
      text: `${method === 'CANCEL' ? 'This interview is cancelled' : `When: ${when} (${iv.timeZone})`}\nCandidate: ${iv.candidateName}\nJob: ${iv.jobTitle}\nRound: ${name}${iv.location ? `\nWhere: ${iv.location}` : ''}\n\nYour interview kit: ${kit}\n`,
      kind: 'interview_invite',
      orgId: iv.orgId,
      recipientUserId: p.id,
      attachments: [{ fileName: 'invite.ics', contentType: `text/calendar; method=${method}; charset=UTF-8`, content: ics }],
    });
  }
  for (const p of extraCancelled) {
    const ics = writeIcs({ ...base, method: 'CANCEL', summary: `Interview: ${iv.candidateName} — ${name} (${iv.jobTitle})` });
    await queueEmail(ctx, {
      to: p.email,
      subject: `Cancelled: interview with ${iv.candidateName} — ${name}`,
      text: `You are no longer on the panel of this interview.\n`,
      kind: 'interview_invite',
      orgId: iv.orgId,
      recipientUserId: p.id,
      attachments: [{ fileName: 'cancel.ics', contentType: 'text/calendar; method=CANCEL; charset=UTF-8', content: ics }],
    });
  }
  const directions = round?.candidateDirections ?? '';
  const ics = writeIcs({ ...base, summary: `Interview with ${iv.orgName}: ${name}`, description: directions || `Your ${name} for ${iv.jobTitle}.` });
  await queueEmail(ctx, {
    to: iv.candidateEmail,
    subject: `${verb}: your interview with ${iv.orgName} — ${name}`,
    text: `${method === 'CANCEL' ? 'This interview is cancelled.' : `When: ${when} (${iv.timeZone})`}${iv.location ? `\nWhere: ${iv.location}` : ''}\n\n${directions}\n`,
    kind: 'interview_invite',
    orgId: iv.orgId,
    recipientUserId: null,
    attachments: [{ fileName: 'invite.ics', contentType: `text/calendar; method=${method}; charset=UTF-8`, content: ics }],
  });
}
