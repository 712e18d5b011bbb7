import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import {
  createInvitationRoute,
  createInvitationSchema,
  type Invitation,
  listInvitationsRoute,
  listMembersRoute,
  type Member,
  removeMemberRoute,
  revokeInvitationRoute,
  updateMemberRoute,
} from '../../../modules/orgs/orgs.contract.ts';
import { type OrgRole, orgRoles, roleLabels } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { applyServerError, toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { isOrgAdmin, sessionQueryKey, useMeta, useSignedInSession } from '../../lib/session.ts';

const roleOptions = orgRoles.map((r) => ({ value: r, label: roleLabels[r] }));

export function MembersPage() {
  const session = useSignedInSession();
  const isAdmin = isOrgAdmin(session);
  const orgId = session.organization?.id;

  if (!orgId) {
    return (
      <>
        <PageHeader title="Members" />
        <Alert tone="info">You are not a member of any organization.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Members"
        description={isAdmin ? 'Invite colleagues, change their roles, or remove them.' : 'The people in your organization and their roles.'}
      />
      <MemberList orgId={orgId} isAdmin={isAdmin} currentUserId={session.user.id} />
      {isAdmin ? (
        <>
          <InviteForm orgId={orgId} />
          <InvitationList orgId={orgId} />
        </>
      ) : null}
    </>
  );
}

function MemberList({ orgId, isAdmin, currentUserId }: { orgId: string; isAdmin: boolean; currentUserId: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = ['members', orgId];
  const members = usePagedList(key, (cursor) => api(listMembersRoute, { query: { cursor } }));

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: OrgRole }) =>
      api(updateMemberRoute, { params: { userId: member.userId }, body: { role } }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: async (saved, { member }) => {
      setNotice(`${member.name} is now ${roleLabels[saved.role]}.`);
      if (member.userId === currentUserId) await client.invalidateQueries({ queryKey: sessionQueryKey });
      await client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => setProblem(toApiError(e).message),
  });

  const remove = useMutation({
    mutationFn: (member: Member) => api(removeMemberRoute, { params: { userId: member.userId } }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: async (_ok, member) => {
      if (member.userId === currentUserId) {
        await client.invalidateQueries({ queryKey: sessionQueryKey });
        await navigate('/dashboard');
        return;
      }
      setNotice(`${member.name} was removed.`);
      await client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => setProblem(toApiError(e).message),
  });

  const confirmRemove = (member: Member) => {
    const question =
      member.userId === currentUserId
        ? 'Remove yourself from this organization? You will lose access to it.'
        : `Remove ${member.name} (${member.email}) from this organization? Their sessions here end at once.`;
    if (window.confirm(question)) remove.mutate(member);
  };

  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) return <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} />;

  return (
    <div>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Table caption={`Members (${members.items.length}${members.hasNextPage ? '+' : ''})`}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {isAdmin ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.items.map((m) => {
            const isBusy = (changeRole.isPending && changeRole.variables?.member.userId === m.userId) || (remove.isPending && remove.variables?.userId === m.userId);
            return (
              <tr key={m.userId}>
                <th scope="row">
                  {m.name}
                  {m.userId === currentUserId ? <span className="muted"> (you)</span> : null}
                </th>
                <td>{m.email}</td>
                <td>
                  {isAdmin ? (
                    <select
                      className="field__control field__control--select field__control--compact"
                      aria-label={`Role for ${m.name}`}
                      value={m.role}
                      disabled={isBusy}
                      onChange={(e) => changeRole.mutate({ member: m, role: e.target.value as OrgRole })}
                    >
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    roleLabels[m.role]
                  )}
                  {m.compliance ? (
                    <>
                      {' '}
                      <Badge tone="info">Compliance</Badge>
                    </>
                  ) : null}
                </td>
                <td className="nowrap">{formatDate(m.joinedAt)}</td>
                {isAdmin ? (
                  <td>
                    <Button variant="danger" size="sm" disabled={isBusy} onClick={() => confirmRemove(m)} aria-label={`Remove ${m.name}`}>
                      Remove
                    </Button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
      <LoadMore hasMore={!!members.hasNextPage} isLoading={members.isFetchingNextPage} onLoadMore={() => void members.fetchNextPage()} />
    </div>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const meta = useMeta();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(createInvitationSchema), defaultValues: { email: '', role: 'interviewer' as OrgRole } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setSentTo(null);
    try {
      const invitation = await api(createInvitationRoute, { body });
      setSentTo(invitation.email);
      form.reset({ email: '', role: body.role });
      await client.invalidateQueries({ queryKey: ['invitations', orgId] });
    } catch (e) {
      applyServerError(form.setError, e, ['email', 'role']);
    }
  });

  return (
    <Card title="Invite a colleague">
      {sentTo ? (
        <Alert tone="success" title={`Invitation sent to ${sentTo}.`}>
          {meta.data && !meta.data.smtpConfigured ? (
            <p>
              This server has no SMTP configured, so the invitation email is waiting in the outbox. Copy the link from the{' '}
              <Link to="/admin/outbox">outbox</Link> and send it yourself.
            </p>
          ) : (
            <p>The link is valid for 7 days and works once.</p>
          )}
        </Alert>
      ) : null}
      <Form onSubmit={onSubmit} className="form--inline">
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register('email')} />
        <SelectField label="Role" options={roleOptions} error={errors.role?.message} {...form.register('role')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Sending…">
            Send invitation
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

const statusTone = { pending: 'info', accepted: 'success', revoked: 'neutral', expired: 'warning' } as const;
const statusLabel = { pending: 'Pending', accepted: 'Accepted', revoked: 'Revoked', expired: 'Expired' } as const;

function InvitationList({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const key = ['invitations', orgId];
  const invitations = usePagedList(key, (cursor) => api(listInvitationsRoute, { query: { cursor } }));
  const revoke = useMutation({
    mutationFn: (inv: Invitation) => api(revokeInvitationRoute, { params: { id: inv.id } }),
    onMutate: () => setProblem(null),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
    onError: (e) => setProblem(toApiError(e).message),
  });

  if (invitations.isPending) return <Loading label="Loading invitations…" />;
  if (invitations.isError) return <LoadError error={invitations.error} what="the invitations" onRetry={() => void invitations.refetch()} />;

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {invitations.items.length === 0 ? (
        <EmptyState>No invitations yet.</EmptyState>
      ) : (
        <Table caption="Invitations" captionHidden>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.items.map((inv) => (
              <tr key={inv.id}>
                <td>{inv.email}</td>
                <td>{roleLabels[inv.role]}</td>
                <td>
                  <Badge tone={statusTone[inv.status]}>{statusLabel[inv.status]}</Badge>
                </td>
                <td>{inv.invitedByName ?? '—'}</td>
                <td className="nowrap">{formatDate(inv.expiresAt)}</td>
                <td>
                  {inv.status === 'pending' ? (
                    <Button
                      variant="danger"
                      size="sm"
                      disabled={revoke.isPending && revoke.variables?.id === inv.id}
                      aria-label={`Revoke invitation for ${inv.email}`}
                      onClick={() => {
                        if (window.confirm(`Revoke the invitation for ${inv.email}? The link stops working.`)) revoke.mutate(inv);
                      }}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore hasMore={!!invitations.hasNextPage} isLoading={invitations.isFetchingNextPage} onLoadMore={() => void invitations.fetchNextPage()} />
    </section>
  );
}
