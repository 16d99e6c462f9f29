import * as z from "zod";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { listMembers, type Member, MemberRuleError, transferOwnership } from "@/lib/tenancy/members.ts";
import { withOrg } from "@/lib/data/scope.ts";

const Transfer = z.object({ user_id: z.uuid("Choose a member") });

type Data = { members: Member[]; values: FormValues; errors: FieldErrors };
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "org.transfer");
    return ctx.render({ members: await withOrg(tenantOf(auth), listMembers), values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "org.transfer");
    const form = await parseForm(req, Transfer);
    const again = async (errors: FieldErrors) =>
      ctx.render({ members: await withOrg(tenantOf(auth), listMembers), values: form.values, errors }, { status: 422 });
    if (!form.ok) return await again(form.errors);
    try {
      await withOrg(tenantOf(auth), (q) => transferOwnership(q, actorOf(auth, ctx.remoteAddr), form.data.user_id));
    } catch (err) {
      if (err instanceof MemberRuleError) return await again({ user_id: err.message });
      throw err;
    }
    return redirect(orgPath(auth.org.slug, "settings", { notice: "transferred" }));
  },
};

export default function TransferOwnership({ data, state }: PageProps<Data, State>) {
  const { auth } = state;
  const others = data.members.filter((m) => m.id !== auth.user.id);
  return (
    <div class="max-w-2xl">
      <PageHeader title="Transfer ownership" />
      <Panel
        title={`Make someone else the owner of ${auth.org.name}`}
        description="They become owner (billing, ownership, deletion); you stay on as an admin."
      >
        {others.length === 0
          ? (
            <p class="text-sm text-slate-700">
              Invite someone first:{" "}
              <a href={orgPath(auth.org.slug, "settings", "members")} class="underline">Members</a>
            </p>
          )
          : (
            <form method="post" novalidate>
              <FormError errors={data.errors} />
              <Select
                name="user_id"
                label="New owner"
                options={others.map((m) => [m.id, `${m.name} (${m.email})`])}
                {...data}
              />
              <Button>Transfer ownership</Button>
            </form>
          )}
      </Panel>
    </div>
  );
}
