import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  createPoolRoute,
  deletePoolRoute,
  poolInputSchema,
  type poolSchema,
  savePoolRoute,
} from '../../../modules/scheduling/scheduling.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { membersQuery, poolsKey, poolsQuery } from './scheduling-queries.ts';
import { isTrainingStatus, type TrainingStatus, trainingStatuses, trainingStatusLabels } from './scheduling-model.ts';

type Pool = z.infer<typeof poolSchema>;


/** Roles that create and edit pools (the contract's access). */
const poolEditors = new Set(['owner', 'admin', 'recruiter']);

/** Interviewer pools: who may be drawn for a round, and who is still training (shadowing). */
export function PoolsPage() {
  const session = useSignedInSession();
  const canEdit = poolEditors.has(session.organization?.role ?? '');
  const pools = useQuery(poolsQuery);
  const members = useQuery({ ...membersQuery, enabled: canEdit });
  const [editing, setEditing] = useState<Pool | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);

  const startEdit = (p: Pool | null) => {
    setEditing(p);
    setNotice(null);
    setFormKey((k) => k + 1);
    window.setTimeout(() => formRef.current?.querySelector('input')?.focus(), 0);
  };

  return (
    <>
      <PageHeader
        title="Interviewer pools"
        description="Groups of interviewers a round can draw from. Trained members fill the seats; members in training can join as shadows."
      />
      {!canEdit ? <Alert tone="info">Only owners, admins and recruiters can change pools.</Alert> : null}
      <section className="section-block" aria-labelledby="pools-list">
        <h2 id="pools-list">Pools</h2>
        {pools.isPending ? <Loading label="Loading the pools…" /> : null}
        {pools.isError ? <LoadError error={pools.error} what="the pools" onRetry={() => void pools.refetch()} /> : null}
        {pools.isSuccess && pools.data.items.length === 0 ? <EmptyState>No pools yet.</EmptyState> : null}
        {pools.data?.items.length ? (
          <ul className="item-list">
            {pools.data.items.map((p) => (
              <PoolItem key={p.id} pool={p} canEdit={canEdit} onEdit={() => startEdit(p)} />
            ))}
          </ul>
        ) : null}
      </section>

      {canEdit ? (
        <div ref={formRef}>
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {members.isPending ? <Loading label="Loading the members…" /> : null}
          {members.isError ? <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} /> : null}
          {members.isSuccess ? (
            <PoolForm
              key={formKey}
              pool={editing}
              members={members.data.items.map((m) => ({ userId: m.userId, name: m.name }))}
              onDone={(message, saved) => {
                // A saved pool stays open (to add members or delete it); a deleted one leaves a new, empty form.
                setNotice(message);
                setEditing(saved);
                setFormKey((k) => k + 1);
              }}
              onNew={editing ? () => startEdit(null) : undefined}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function PoolItem({ pool: p, canEdit, onEdit }: { pool: Pool; canEdit: boolean; onEdit: () => void }) {
  const titleId = useId();
  return (
    <li>
      <h3 id={titleId}>{p.name}</h3>
      {p.members.length === 0 ? (
        <p className="muted">No members.</p>
      ) : (
        <ul className="plain-list sch-pool-members">
          {p.members.map((m) => (
            <li key={m.userId}>
              {canEdit ? <Link to={`/availability/${m.userId}`}>{m.name}</Link> : m.name}{' '}
              <Badge tone={m.status === 'trained' ? 'success' : 'info'}>{trainingStatusLabels[m.status]}</Badge>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <Button size="sm" variant="secondary" aria-describedby={titleId} onClick={onEdit}>
          Edit
        </Button>
      ) : null}
    </li>
  );
}

interface MemberRow {
  key: number;
  userId: string;
  status: TrainingStatus;
}

function PoolForm({
  pool,
  members,
  onDone,
  onNew,
}: {
  pool: Pool | null;
  members: { userId: string; name: string }[];
  onDone: (message: string, saved: Pool | null) => void;
  onNew: (() => void) | undefined;
}) {
  const client = useQueryClient();
  const titleId = useId();
  const nextKey = useRef(1);
  const newRow = (userId = '', status: TrainingStatus = 'trained'): MemberRow => ({ key: nextKey.current++, userId, status });
  const [name, setName] = useState(pool?.name ?? '');
  // A new pool starts with one empty member row; rows left empty are ignored on saving.
  const [rows, setRows] = useState<MemberRow[]>(() => (pool ? pool.members.map((m) => newRow(m.userId, m.status)) : [newRow()]));
  const [nameError, setNameError] = useState<string | undefined>();
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  // Members who left the organization stay selectable in their row until removed.
  for (const m of pool?.members ?? []) if (!names.has(m.userId)) names.set(m.userId, m.name);
  const memberOptions = [{ value: '', label: 'Choose a member' }, ...[...names].map(([value, label]) => ({ value, label }))];

  const setRow = (key: number, patch: Partial<MemberRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    if (rowErrors[key]) setRowErrors((e) => ({ ...e, [key]: '' }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const filled = rows.filter((r) => r.userId);
    const errors: Record<number, string> = {};
    const seen = new Set<string>();
    for (const r of filled) {
      if (seen.has(r.userId)) errors[r.key] = `${names.get(r.userId) ?? 'This member'} is already in the pool`;
      seen.add(r.userId);
    }
    const body = { name: name.trim(), members: filled.map((r) => ({ userId: r.userId, status: r.status })) };
    const parsed = poolInputSchema.safeParse(body);
    let nameProblem: string | undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, index] = issue.path.map(String);
        if (head === 'name') nameProblem ??= !name.trim() ? 'Enter a name for the pool' : name.trim().length < 2 ? 'Use at least 2 characters' : issue.message;
        else if (head === 'members' && index !== undefined && filled[Number(index)]) errors[filled[Number(index)]!.key] ??= issue.message;
        else setProblem(issue.message);
      }
    }
    setNameError(nameProblem);
    setRowErrors(errors);
    if (nameProblem || Object.keys(errors).length || !parsed.success) return;

    setBusy('save');
    try {
      const saved = pool ? await api(savePoolRoute, { params: { id: pool.id }, body }) : await api(createPoolRoute, { body });
      await client.invalidateQueries({ queryKey: poolsKey });
      onDone(`Pool “${saved.name}” saved.`, saved);
    } catch (err) {
      const apiError = toApiError(err);
      let placed = 0;
      const serverRows: Record<number, string> = {};
      for (const [path, message] of Object.entries(apiError.issues)) {
        const [head, index] = path.replace(/^body\./, '').split('.');
        if (head === 'name') {
          setNameError(message);
          placed++;
        } else if (head === 'members' && index !== undefined && filled[Number(index)]) {
          serverRows[filled[Number(index)]!.key] ??= message;
          placed++;
        }
      }
      setRowErrors(serverRows);
      if (placed === 0 || placed < Object.keys(apiError.issues).length) setProblem(apiError.message);
    } finally {
      setBusy(null);
    }
  };

  const onDelete = async () => {
    if (!pool) return;
    setProblem(null);
    setBusy('delete');
    try {
      await api(deletePoolRoute, { params: { id: pool.id } });
      await client.invalidateQueries({ queryKey: poolsKey });
      onDone(`Pool “${pool.name}” deleted.`, null);
    } catch (err) {
      setProblem(toApiError(err).message);
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        {pool ? `Edit pool: ${pool.name}` : 'New pool'}
      </h2>
      <Form onSubmit={(e) => void onSubmit(e)} aria-labelledby={titleId}>
        <FormAlert message={problem ?? undefined} />
        <TextField
          label="Pool name"
          value={name}
          error={nameError}
          maxLength={100}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(undefined);
          }}
        />
        <fieldset className="sch-fieldset">
          <legend className="choice-group__legend">Members</legend>
          {rows.length === 0 ? <p className="muted">No members yet.</p> : null}
          <ol className="sch-rows">
            {rows.map((r, i) => (
              <li key={r.key} className="sch-row">
                <SelectField
                  label="Member"
                  value={r.userId}
                  error={rowErrors[r.key] || undefined}
                  options={memberOptions}
                  onChange={(e) => setRow(r.key, { userId: e.target.value })}
                />
                <SelectField
                  label="Training status"
                  value={r.status}
                  options={trainingStatuses.map((s) => ({ value: s, label: trainingStatusLabels[s] }))}
                  onChange={(e) => {
                    const v = e.target.value;
                    if (isTrainingStatus(v)) setRow(r.key, { status: v });
                  }}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  className="sch-row__remove"
                  aria-label={r.userId && names.get(r.userId) ? `Remove ${names.get(r.userId)}` : `Remove row ${i + 1}`}
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ol>
          <Button size="sm" variant="secondary" onClick={() => setRows((rs) => [...rs, newRow()])}>
            Add member
          </Button>
        </fieldset>
        <FormActions>
          <Button type="submit" busy={busy === 'save'} busyLabel="Saving…" disabled={busy === 'delete'}>
            Save pool
          </Button>
          {pool ? (
            <Button variant="danger" busy={busy === 'delete'} busyLabel="Deleting…" disabled={busy === 'save'} onClick={() => void onDelete()}>
              Delete pool
            </Button>
          ) : null}
          {onNew ? (
            <Button variant="ghost" onClick={onNew}>
              New pool
            </Button>
          ) : null}
        </FormActions>
      </Form>
    </section>
  );
}
