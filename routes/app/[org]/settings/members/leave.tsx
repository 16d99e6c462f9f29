import * as z from "zod";
import { syncSeats } from "@/lib/billing/subscription.ts";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { leaveOrg, listMembers, type Member, MemberRuleError } from "@/lib/tenancy/members.ts";
import { withOrg } from "@/lib/data/scope.ts";

const Leave = z.object({
  reassign_to: z.union([z.literal(""), z.uuid("Choose a member")]).transform((v) => v || null),
});

type Data = { others: Member[]; values: FormValues; errors: FieldErrors };
type State = { auth: AuthContext };

async function others(auth: AuthContext) {
  return (await withOrg(tenantOf(auth), listMembers)).filter((m) => m.id !== auth.user.id);
}

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ others: await others(ctx.state.auth), values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await parseForm(req, Leave);
    const again = async (errors: FieldErrors) =>
      ctx.render({ others: await others(auth), values: form.values, errors }, { status: 422 });
    if (!form.ok) return await again(form.errors);
    try {
      await withOrg(tenantOf(auth), (q) => leaveOrg(q, actorOf(auth, ctx.remoteAddr), form.data.reassign_to));
    } catch (err) {
      if (err instanceof MemberRuleError) return await again({ _form: err.message });
      throw err;
    }
    await syncSeats(auth.org.id);
    return redirect("/app");
  },
};

export default function LeaveOrg({ data, state }: PageProps<Data, State>) {
  const { org } = state.auth;
  return (
    <div class="max-w-2xl">
      <PageHeader title={`Leave ${org.name}`} />
      <Panel
        title="Leave this organisation"
        tone="danger"
        description="You lose access at once. Your records stay in the organisation."
      >
        <form method="post" novalidate class="max-w-sm">
          <FormError errors={data.errors} />
          <Select
            name="reassign_to"
            label="Give your records to"
            options={[["", "No one (unassigned)"], ...data.others.map((m): [string, string] => [m.id, m.name])]}
            {...data}
          />
          <div class="flex items-center gap-4">
            <Button kind="danger">Leave {org.name}</Button>
            <a href={orgPath(org.slug, "settings", "members")} class="text-sm underline">Cancel</a>
          </div>
        </form>
      </Panel>
    </div>
  );
}
