/** A deal: its details, stage and outcome controls (forms, so they work without JavaScript), and its timeline. */
import { Fragment } from "preact";
import { counted, formatDate, formatDateTime, fullName } from "@/components/records/format.ts";
import { recordLink, RecordPage } from "@/components/records/RecordPage.tsx";
import { Badge, buttonClass, Card, Details, LinkButton, PostButton } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { weighted } from "@/lib/deals/board_state.ts";
import { dealPage } from "@/lib/deals/deals.ts";
import { daysInStage, isRotting } from "@/lib/deals/rotting.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { type RecordPageData, recordPageHandlers } from "@/lib/records/handlers.ts";
import { recordPath } from "@/lib/records/records.ts";

type State = { auth: AuthContext };
type Data = RecordPageData<Awaited<ReturnType<typeof dealPage>>>;

const ERRORS: Record<string, string> = {
  conflict: "That change was refused: the deal changed meanwhile (it may already be closed or open).",
  invalid: "That change was refused: check the stage, or give a reason when marking a deal lost.",
  missing: "That deal is no longer available.",
};

export const handler = recordPageHandlers("deal", dealPage);

/** How a closed deal ended: won or lost, when, and why it was lost. */
function Outcome({ deal, zone }: { deal: Data["deal"]; zone: string }) {
  return (
    <span>
      {deal.status === "won" ? "Won" : "Lost"} on {formatDateTime(deal.closed_at, zone)}
      {deal.lost_reason ? ` · Reason: “${deal.lost_reason}”` : null}
    </span>
  );
}

export default function DealPage({ data, state, url }: PageProps<Data, State>) {
  const { deal, stages, extras } = data;
  const { slug, rotting_days } = state.auth.org;
  const path = recordPath(slug, "deal", deal.id);
  const money = (minor: number) => formatMoney(minor, deal.currency);
  const open = deal.status === "open";
  const rotting = open && isRotting(deal.stage_entered_at, rotting_days);
  const error = ERRORS[url.searchParams.get("error") ?? ""];
  return (
    <RecordPage
      auth={state.auth}
      type="deal"
      path={path}
      title={deal.title}
      subtitle={
        <>
          {deal.pipeline_name} · {deal.stage_name} <Badge value={deal.status} />
        </>
      }
      actions={<LinkButton href={orgPath(slug, "deals", { pipeline: deal.pipeline_id })}>Board</LinkButton>}
      notice={error ? <div role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</div> : null}
      extras={extras}
      activity={data.activity}
    >
      <Card title="Details">
        <Details
          items={[
            ["Value", money(deal.value_minor)],
            open
              ? ["Weighted", `${money(weighted(deal.value_minor, deal.probability))} (${deal.probability}%)`]
              : ["Outcome", <Outcome key="outcome" deal={deal} zone={state.auth.org.time_zone} />],
            ["Owner", deal.owner_name],
            ["Expected close", deal.expected_close_date ? formatDate(deal.expected_close_date) : null],
            [
              "Company",
              recordLink(slug, "company", deal.company_id, deal.company_name),
            ],
            [
              "Contact",
              recordLink(
                slug,
                "contact",
                deal.contact_id,
                fullName({ first_name: deal.contact_first_name ?? "", last_name: deal.contact_last_name ?? "" }),
              ),
            ],
            open
              ? [
                "In this stage",
                <Fragment key="stage">
                  {counted(daysInStage(deal.stage_entered_at), "day")}, since {formatDate(deal.stage_entered_at)}{" "}
                  {rotting ? <Badge value="overdue" label="Rotting" /> : null}
                </Fragment>,
              ]
              : ["Closed in stage", deal.stage_name],
            ["Created", formatDate(deal.created_at)],
          ]}
        />
      </Card>
      <Card title={open ? "Stage and outcome" : "Outcome"} id="outcome">
        {open
          ? (
            <div class="space-y-4">
              <form method="post" action={`${path}/move`} class="flex items-end gap-2">
                <input type="hidden" name="return" value={path} />
                <div class="grow">
                  <label for="move-stage" class="block text-sm font-medium text-slate-700">Stage</label>
                  <select
                    id="move-stage"
                    name="stageId"
                    class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
                  >
                    {stages.map((s) => (
                      <option value={s.id} selected={s.id === deal.stage_id}>{s.name} ({s.probability}%)</option>
                    ))}
                  </select>
                </div>
                <button type="submit" class={buttonClass()}>Move</button>
              </form>
              <PostButton action={`${path}/outcome`} fields={{ outcome: "won", return: path }} variant="primary">
                Mark won
              </PostButton>
              <form method="post" action={`${path}/outcome`} class="flex items-end gap-2">
                <input type="hidden" name="outcome" value="lost" />
                <input type="hidden" name="return" value={path} />
                <div class="grow">
                  <label for="lost-reason" class="block text-sm font-medium text-slate-700">Lost reason</label>
                  <input
                    id="lost-reason"
                    name="reason"
                    required
                    maxLength={500}
                    class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
                  />
                </div>
                <button type="submit" class={buttonClass("danger")}>Mark lost</button>
              </form>
            </div>
          )
          : (
            <div class="space-y-3 text-sm">
              <Outcome deal={deal} zone={state.auth.org.time_zone} />
              <PostButton action={`${path}/outcome`} fields={{ outcome: "open", return: path }}>Reopen</PostButton>
            </div>
          )}
      </Card>
    </RecordPage>
  );
}
