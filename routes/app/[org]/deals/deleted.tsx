import { TrashTable } from "@/components/records/Trash.tsx";
import { LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { type DeletedRecord, recentlyDeleted } from "@/lib/records/trash.ts";

type State = { auth: AuthContext };

export const handler: Handlers<DeletedRecord[], State> = {
  async GET(_req, ctx) {
    return ctx.render(await recentlyDeleted(ctx.state.auth, "deal"));
  },
};

export default function DeletedDeals({ data, state }: PageProps<DeletedRecord[], State>) {
  const base = orgPath(state.auth.org.slug, "deals");
  return (
    <>
      <PageHeader title="Recently deleted deals" actions={<LinkButton href={`${base}/list`}>All deals</LinkButton>} />
      <TrashTable rows={data} base={base} noun="deals" />
    </>
  );
}
