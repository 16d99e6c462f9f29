/** The deal board of a pipeline (`?pipeline=`), filtered by owner and words of the title. */
import DealBoard from "@/islands/DealBoard.tsx";
import { counted } from "@/components/records/format.ts";
import { ListFilters, ownerChoice } from "@/components/records/ListFilters.tsx";
import { DeletedNotice } from "@/components/records/Trash.tsx";
import { LinkButton, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { type Board, loadBoard } from "@/lib/deals/board.ts";
import { weighted } from "@/lib/deals/board_state.ts";
import { dealFilters } from "@/lib/deals/schemas.ts";
import type { FreshContext, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { UUID } from "@/lib/records/fields.ts";
import { type Member, orgMembers } from "@/lib/records/members.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { inOrg } from "@/lib/records/records.ts";

interface Data {
  board: Board;
  members: Member[];
  owner: string;
  q: string;
}

/** What the no-JavaScript move form's redirect says (`?error=`). */
const MOVE_ERRORS: Record<string, string> = {
  conflict: "That deal could not be moved: it is closed, or the board changed meanwhile.",
  invalid: "That deal could not be moved to that stage.",
  missing: "That deal is no longer here.",
};

export const handler = {
  async GET(_req: Request, ctx: FreshContext<{ auth: AuthContext }, Data>) {
    const auth = ctx.state.auth;
    const params = Object.fromEntries(ctx.url.searchParams);
    const pipeline = params.pipeline ?? "";
    if (pipeline && !UUID.test(pipeline)) return ctx.renderNotFound();
    const filters = dealFilters.parse(params);
    const [board, members] = await inOrg(auth, async (q) =>
      [
        await loadBoard(q, auth, { pipelineId: pipeline || null, filters }),
        await orgMembers(q),
      ] as const);
    return ctx.render({ board, members, owner: filters.owner ?? "", q: filters.q ?? "" });
  },
};

export default function BoardPage({ data, url, state }: PageProps<Data, { auth: AuthContext }>) {
  const { board, members, owner, q } = data;
  const slug = state.auth.org.slug;
  const pipeline = board.pipeline.id;
  const base = orgPath(slug, "deals");
  const filterQuery = new URLSearchParams(Object.entries({ owner, q }).filter(([, v]) => v)).toString();
  const money = (minor: number) => formatMoney(minor, board.currency);
  const count = board.columns.reduce((n, c) => n + c.count, 0);
  const total = board.columns.reduce((n, c) => n + c.totalMinor, 0);
  const expected = board.columns.reduce((n, c) => n + weighted(c.totalMinor, c.probability), 0);
  const error = MOVE_ERRORS[url.searchParams.get("error") ?? ""];
  return (
    <>
      <PageHeader
        title="Deals"
        subtitle={`${counted(count, "open deal")} · ${money(total)} · weighted ${money(expected)}`}
        actions={
          <>
            <LinkButton href={orgPath(slug, "deals", "list", { pipeline })}>List view</LinkButton>
            <LinkButton href={orgPath(slug, "deals", "list", { pipeline, status: "won" })}>Won deals</LinkButton>
            <LinkButton href={orgPath(slug, "deals", "list", { pipeline, status: "lost" })}>Lost deals</LinkButton>
            <LinkButton href={orgPath(slug, "deals", "new", { pipeline })} variant="primary">New deal</LinkButton>
          </>
        }
      />
      {board.pipelines.length > 1
        ? (
          <nav aria-label="Pipelines" class="mb-4 flex flex-wrap gap-2">
            {board.pipelines.map((p) => (
              <a
                href={orgPath(slug, "deals", { pipeline: p.id })}
                aria-current={p.id === board.pipeline.id ? "page" : undefined}
                class={`rounded-full px-3 py-1 text-sm ${
                  p.id === board.pipeline.id
                    ? "bg-brand-600 text-white"
                    : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
                }`}
              >
                {p.name}
              </a>
            ))}
          </nav>
        )
        : null}
      <ListFilters
        action={base}
        q={q}
        searchLabel="Deal title"
        choices={[ownerChoice(members, owner)]}
        keep={{ pipeline: board.pipeline.id }}
      />
      <DeletedNotice url={url} base={base} noun="deal" />
      {error ? <div role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</div> : null}
      <DealBoard
        base={base}
        filterQuery={filterQuery}
        returnTo={url.pathname + url.search.replace(/([?&])error=[^&]*&?/, "$1").replace(/[?&]$/, "")}
        listHref={orgPath(slug, "deals", "list", { pipeline, owner, q })}
        currency={board.currency}
        columns={board.columns}
      />
    </>
  );
}
