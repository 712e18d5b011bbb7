import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireApplication } from '../candidates/candidates.service.ts';
import { canManageJob } from '../openings/openings.policy.ts';
import type { ApplicationOutcomes, Outcome, OutcomeCheckpoint, OutcomeMeasures } from './outcomes.contract.ts';
import * as q from './outcomes.queries.ts';

export function toOutcome(r: q.OutcomeRow): Outcome {
  return {
    id: r.id,
    applicationId: r.applicationId,
    checkpoint: r.checkpoint,
    performanceRating: r.performanceRating,
    retained: r.retained,
    rampDays: r.rampDays,
    regrettedAttrition: r.regrettedAttrition,
    managerSatisfaction: r.managerSatisfaction,
    note: r.note,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function valuesOf(m: OutcomeMeasures): q.OutcomeValues {
  return {
    performanceRating: m.performanceRating ?? null,
    retained: m.retained ?? null,
    rampDays: m.rampDays ?? null,
    regrettedAttrition: m.regrettedAttrition ?? null,
    managerSatisfaction: m.managerSatisfaction ?? null,
    note: m.note ?? null,
  };
}

/**
 * The application, for its job's managers only: anyone else (an interviewer on its panel
 * included) gets the same 404 as for an application that does not exist.
 */
async function requireManagedApplication(ctx: Ctx, id: string, forUpdate = false) {
  const found = await requireApplication(ctx, id, 'see', forUpdate);
  if (!canManageJob(found.actor, found.access)) throw AppError.notFound('Application');
  return found;
}

export const NOT_HIRED_MESSAGE = 'Outcomes can only be recorded for hired candidates: move the application to the hired stage first';

export async function getOutcomes(ctx: Ctx, id: string): Promise<ApplicationOutcomes> {
  const { actor, app } = await requireManagedApplication(ctx, id);
  const rows = await q.outcomesOf(ctx.db, actor.org.id, id);
  return { applicationId: id, hired: app.status === 'hired', items: rows.map(toOutcome) };
}

export async function saveOutcome(ctx: Ctx, id: string, checkpoint: OutcomeCheckpoint, input: OutcomeMeasures): Promise<Outcome> {
  return inTransaction(ctx, async (tx) => {
    const { actor, app } = await requireManagedApplication(tx, id, true);
    if (app.status !== 'hired') throw AppError.conflict(NOT_HIRED_MESSAGE, { status: app.status });
    const saved = await q.upsertOutcome(tx.db, { id: randomUUID(), orgId: actor.org.id, applicationId: id, checkpoint, values: valuesOf(input), recordedBy: actor.userId, now: tx.clock.now() });
    await audit(tx, 'outcome.saved', { type: 'outcome', id: saved.id }, { applicationId: id, checkpoint, created: saved.created });
    return toOutcome((await q.findOutcome(tx.db, actor.org.id, id, checkpoint))!);
  });
}

export async function deleteOutcome(ctx: Ctx, id: string, checkpoint: OutcomeCheckpoint): Promise<{ ok: true }> {
  return inTransaction(ctx, async (tx) => {
    const { actor } = await requireManagedApplication(tx, id, true);
    const deleted = await q.deleteOutcome(tx.db, actor.org.id, id, checkpoint);
    if (!deleted) throw AppError.notFound('Outcome');
    await audit(tx, 'outcome.deleted', { type: 'outcome', id: deleted.id }, { applicationId: id, checkpoint });
    return { ok: true as const };
  });
}
