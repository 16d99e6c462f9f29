import * as z from "zod";
import { syncSeats } from "@/lib/billing/subscription.ts";
import { Button, PageHeader, Panel, RoleBadge } from "@/components/AuthPanels.tsx";
import { Field, FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { UUID } from "@/lib/records/fields.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import {
  changeRole,
  getMember,
  grantableRoles,
  listMembers,
  listTeams,
  type Member,
  MemberRuleError,
  removeMemberAs,
  setTeam,
} from "@/lib/tenancy/members.ts";
import { withOrg } from "@/lib/data/scope.ts";

const MemberAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), role: z.enum(["MEMBER", "ADMIN", "OWNER"], "Choose a role") }),
  z.object({
    intent: z.literal("team"),
    team: z.string().trim().max(60, "At most 60 characters").transform((v) => v || null),
  }),
  z.object({
    intent: z.literal("remove"),
    reassign_to: z.union([z.literal(""), z.uuid("Choose a member")]).transform((v) => v || null),
  }),
], "Choose what to do");

interface Data {
  member: Member;
  others: Member[];
  teams: string[];
  values: FormValues;
  errors: FieldErrors;
}
type State = { auth: AuthContext };

async function load(auth: AuthContext, userId: string) {
  if (!UUID.test(userId)) throw notFound();
  const { member, members, teams } = await withOrg(tenantOf(auth), async (q) => ({
    member: await getMember(q, userId),
    members: await listMembers(q),
    teams: await listTeams(q),
  }));
  if (!member) throw notFound();
  return { member, others: members.filter((m) => m.id !== userId), teams };
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "members.manage");
    const loaded = await load(auth, ctx.params.userId);
    return ctx.render({ ...loaded, values: { role: loaded.member.role, team: loaded.member.team ?? "" }, errors: {} });
  },
  /**
   * Changes the member's role (`intent=role`) or team (`intent=team`), or removes them, reassigning
   * their records (`intent=remove`).
   */
  async POST(req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "members.manage");
    const loaded = await load(auth, ctx.params.userId);
    const form = await parseForm(req, MemberAction);
    const again = (errors: FieldErrors) => ctx.render({ ...loaded, values: form.values, errors }, { status: 422 });
    if (!form.ok) return again(form.errors);
    const actor = actorOf(auth, ctx.remoteAddr);
    const action = form.data;
    try {
      await withOrg(
        tenantOf(auth),
        (q) =>
          action.intent === "role"
            ? changeRole(q, actor, loaded.member.id, action.role)
            : action.intent === "team"
            ? setTeam(q, actor, loaded.member.id, action.team)
            : removeMemberAs(q, actor, loaded.member.id, action.reassign_to),
      );
    } catch (err) {
      if (err instanceof MemberRuleError) return again({ _form: err.message });
      throw err;
    }
    if (action.intent === "remove") await syncSeats(auth.org.id);
    const notice = action.intent === "remove" ? "removed" : action.intent;
    return redirect(orgPath(auth.org.slug, "settings", "members", { notice }));
  },
};

export default function MemberPage({ data, state }: PageProps<Data, State>) {
  const { auth } = state;
  const { member } = data;
  return (
    <div class="max-w-2xl">
      <p class="mb-2 text-sm">
        <a href={orgPath(auth.org.slug, "settings", "members")} class="text-brand-600 underline">← Members</a>
      </p>
      <PageHeader title={member.name} intro={member.email} />
      <FormError errors={data.errors} />
      <Panel title="Role" description={<RoleBadge role={member.role} />}>
        <form method="post" novalidate class="max-w-xs">
          <input type="hidden" name="intent" value="role" />
          <Select
            name="role"
            label="Role"
            options={grantableRoles(auth.role).map((r) => [r, r[0] + r.slice(1).toLowerCase()])}
            {...data}
          />
          <Button>Change role</Button>
        </form>
      </Panel>
      <Panel
        title="Team"
        description="When members see only their own records, they also see their teammates'."
      >
        <form method="post" novalidate class="max-w-xs">
          <input type="hidden" name="intent" value="team" />
          <Field name="team" label="Team" maxLength={60} list="teams" hint="Leave empty for no team." {...data} />
          <datalist id="teams">
            {data.teams.map((t) => <option key={t} value={t} />)}
          </datalist>
          <Button>Save team</Button>
        </form>
      </Panel>
      <Panel
        title="Remove from organisation"
        tone="danger"
        description="Their companies, contacts, leads, deals and activities stay in the organisation."
      >
        <form method="post" novalidate class="max-w-sm">
          <input type="hidden" name="intent" value="remove" />
          <Select
            name="reassign_to"
            label="Give their records to"
            options={[["", "No one (unassigned)"], ...data.others.map((m): [string, string] => [m.id, m.name])]}
            {...data}
          />
          <Button kind="danger">Remove {member.name}</Button>
        </form>
      </Panel>
    </div>
  );
}
