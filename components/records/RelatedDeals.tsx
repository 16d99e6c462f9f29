/** The deals of a company or contact, on its page. */
import { formatMoney } from "@/lib/records/money.ts";
import { recordPath } from "@/lib/records/records.ts";
import { Badge, Card } from "./ui.tsx";

interface DealRow {
  id: string;
  title: string;
  value_minor: number;
  currency: string;
  status: string;
}

export function RelatedDeals({ slug, deals }: { slug: string; deals: DealRow[] }) {
  return (
    <Card title={`Deals (${deals.length})`} id="deals">
      {deals.length
        ? (
          <ul class="divide-y divide-slate-100 text-sm">
            {deals.map((d) => (
              <li key={d.id} class="flex items-center justify-between gap-2 py-2">
                <a href={recordPath(slug, "deal", d.id)} class="font-medium text-brand-700 hover:underline">
                  {d.title}
                </a>
                <span class="flex items-center gap-2 tabular-nums">
                  {formatMoney(d.value_minor, d.currency)} <Badge value={d.status} />
                </span>
              </li>
            ))}
          </ul>
        )
        : <p class="text-sm text-slate-500">No deals yet.</p>}
    </Card>
  );
}
