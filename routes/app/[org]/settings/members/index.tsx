import { Notice } from "@/components/AuthCard.tsx";
import { PlanLimitError } from "@/lib/billing/limits.ts";
import { Button, formatTime, PageHeader, Panel, RoleBadge } from "@/components/AuthPanels.tsx";
import { Field, FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { inviteMember, listPendingInvitations, NewInvitation } from "@/lib/tenancy/invitations.ts";
import { grantableRoles, listMembers, MemberRuleError } from "@/lib/tenancy/members.ts";
import { withOrg } from "@/lib/data/scope.ts";

interface Data {
  members: Awaited<ReturnType<typeof listMembers>>;
  invitations: Awaited<ReturnType<typeof listPendingInvitations>>;
  values: FormValues;
  errors: FieldErrors;
}
type State = { auth: AuthContext };

const NOTICES: Record<string, string> = {
  invited: "Invitation sent.",
  revoked: "Invitation revoked.",
  removed: "Member removed.",
  role: "Role changed.",
  team: "Team changed.",
};

async function load(auth: AuthContext) {
  return await withOrg(tenantOf(auth), async (q) => ({
    members: await listMembers(q),
    invitations: can(auth.role, "members.manage") ? await listPendingInvitations(q) : [],
  }));
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ ...await load(ctx.state.auth), values: { role: "MEMBER" }, errors: {} });
  },
  /** Invites someone by email. */
  async POST(req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "members.manage");
    const wait = await attemptLimit("invite", { ip: ctx.remoteAddr, account: auth.user.id });
    if (wait) return tooManyRequests(wait);
    const form = validate(NewInvitation, await readForm(req));
    const again = async (errors: FieldErrors) =>
      ctx.render({ ...await load(auth), values: form.values, errors }, { status: 422 });
    if (!form.ok) return await again(form.errors);
    try {
      await inviteMember(tenantOf(auth), actorOf(auth, ctx.remoteAddr), auth.org, form.data);
    } catch (err) {
      if (err instanceof MemberRuleError || err instanceof PlanLimitError) return await again({ email: err.message });
      throw err;
    }
    return redirect(orgPath(auth.org.slug, "settings", "members", { notice: "invited" }));
  },
};

export default function Members({ data, state, url }: PageProps<Data, State>) {
  const { auth } = state;
  const base = orgPath(auth.org.slug, "settings", "members");
  const manage = can(auth.role, "members.manage");
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  return (
    <div class="max-w-3xl">
      <PageHeader title="Members" intro={`People who work in ${auth.org.name}.`} />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <Panel title={`${data.members.length} ${data.members.length === 1 ? "member" : "members"}`} id="members">
        <ul class="divide-y divide-slate-200">
          {data.members.map((m) => (
            <li class="flex items-center justify-between gap-4 py-3">
              <div class="min-w-0">
                <p class="truncate font-medium">
                  {m.name}
                  {m.id === auth.user.id ? <span class="ml-2 text-xs text-slate-500">(you)</span> : null}
                </p>
                <p class="truncate text-sm text-slate-600">
                  {m.email}
                  {m.team ? <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{m.team}</span> : null}
                </p>
              </div>
              <div class="flex shrink-0 items-center gap-4">
                <RoleBadge role={m.role} />
                {manage && m.id !== auth.user.id
                  ? <a href={`${base}/${m.id}`} class="text-sm text-brand-600 underline">Manage</a>
                  : null}
              </div>
            </li>
          ))}
        </ul>
        <p class="mt-4 text-sm">
          <a href={`${base}/leave`} class="text-red-700 underline">Leave {auth.org.name}…</a>
        </p>
      </Panel>
      {manage
        ? (
          <>
            <Panel title="Invite someone" description="They get an email with a link that works once, for 7 days.">
              <form method="post" novalidate class="grid gap-x-4 md:grid-cols-3 md:items-start">
                <div class="md:col-span-2">
                  <FormError errors={data.errors} />
                  <Field name="email" label="Email address" type="email" required maxLength={254} {...data} />
                </div>
                <Select
                  name="role"
                  label="Role"
                  options={grantableRoles(auth.role).map((r) => [r, r[0] + r.slice(1).toLowerCase()])}
                  {...data}
                />
                <div>
                  <Button>Send invitation</Button>
                </div>
              </form>
            </Panel>
            <Panel title="Pending invitations" id="invitations">
              {data.invitations.length === 0
                ? <p class="text-sm text-slate-600">No pending invitations.</p>
                : (
                  <ul class="divide-y divide-slate-200">
                    {data.invitations.map((i) => (
                      <li class="flex items-center justify-between gap-4 py-3">
                        <div class="min-w-0 text-sm">
                          <p class="truncate font-medium">{i.email}</p>
                          <p class="text-slate-600">
                            Invited by {i.invitedBy ?? "a former member"} · expires {formatTime(i.expires_at)}
                          </p>
                        </div>
                        <div class="flex shrink-0 items-center gap-4">
                          <RoleBadge role={i.role} />
                          <form method="post" action={`${base}/invitations/${i.id}`}>
                            <Button kind="secondary">Revoke</Button>
                          </form>
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
            </Panel>
          </>
        )
        : null}
    </div>
  );
}
