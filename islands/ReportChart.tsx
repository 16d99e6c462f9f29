/**
 * One report chart: a titled card with the numbers as a table (what the server renders, and all a
 * browser without JavaScript shows), and once hydrated a chart.js bar chart with a tooltip, a
 * "Table" toggle and bars that open the deal list they count. Only the bar chart's parts of
 * chart.js are registered; the legend and the tooltip are a few lines of HTML here instead of
 * chart.js's plugins (8 KB gzip less), so the page's JavaScript stays under 60 KB gzip.
 */
import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from "chart.js";
import { type ChartSpec, formatValue, hasData } from "@/lib/reports/spec.ts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

/** The bar group under the pointer, and where the pointer is in the chart's box. */
type Tip = { index: number; x: number; y: number } | null;

export interface ReportChartProps {
  spec: ChartSpec;
  /** The CSV download of this chart's numbers. */
  csv: string;
}

function draw(canvas: HTMLCanvasElement, spec: ChartSpec, tip: Signal<Tip>): Chart {
  const valueAxis = {
    beginAtZero: true,
    stacked: spec.stacked,
    ticks: {
      callback: (v: string | number) => formatValue(Number(v), spec.series[0]?.format ?? "count", spec.currency, true),
    },
  };
  const labelAxis = { stacked: spec.stacked, ticks: { autoSkip: true } };
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
    },
    options: {
      indexAxis: spec.horizontal ? "y" : "x",
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false, axis: spec.horizontal ? "y" : "x" },
      scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      onHover: (event, elements) => {
        const index = elements[0]?.index;
        tip.value = index === undefined || event.x === null || event.y === null
          ? null
          : { index, x: event.x, y: event.y };
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = index !== undefined && spec.links[index] ? "pointer" : "default";
      },
      onClick: (_event, elements) => {
        const href = elements.length ? spec.links[elements[0].index] : null;
        if (href) location.assign(href);
      },
    },
  });
}

function Swatch({ color }: { color: string }) {
  return <span aria-hidden="true" class="inline-block h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: color }} />;
}

function TipBox({ spec, tip }: { spec: ChartSpec; tip: NonNullable<Tip> }) {
  return (
    <div
      role="presentation"
      class="pointer-events-none absolute z-10 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg"
      style={{ left: `${tip.x}px`, top: `${tip.y}px`, transform: `translate(${tip.x > 160 ? "-105%" : "5%"}, -50%)` }}
    >
      <p class="font-semibold">{spec.labels[tip.index]}</p>
      {spec.series.map((s) => (
        <p key={s.label} class="flex items-center gap-1.5 whitespace-nowrap">
          <Swatch color={s.color} />
          {s.label}: {formatValue(s.values[tip.index], s.format, spec.currency)}
        </p>
      ))}
    </div>
  );
}

/** Cell styles are set once on the table (a few hundred cells would otherwise repeat them). */
const TABLE = "w-full text-sm [&_td]:py-1.5 [&_td]:pl-3 [&_td]:text-right [&_td]:tabular-nums " +
  "[&_tbody_th]:py-1.5 [&_tbody_th]:pr-3 [&_tbody_th]:text-left [&_tbody_th]:font-normal " +
  "[&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_a]:text-brand-700 [&_a]:underline";

function NumbersTable({ spec }: { spec: ChartSpec }) {
  return (
    <div class="overflow-x-auto">
      <table class={TABLE} data-table={spec.id}>
        <caption class="sr-only">{spec.title}</caption>
        <thead>
          <tr class="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
            <th scope="col" class="py-2 pr-3 font-medium">{spec.category}</th>
            {spec.series.map((s) => (
              <th key={s.label} scope="col" class="py-2 pl-3 text-right font-medium">{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.labels.map((label, i) => (
            <tr key={`${label}-${i}`}>
              <th scope="row">{spec.links[i] ? <a href={spec.links[i]!}>{label}</a> : label}</th>
              {spec.series.map((s) => <td key={s.label}>{formatValue(s.values[i], s.format, spec.currency)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ReportChart({ spec, csv }: ReportChartProps) {
  const hydrated = useSignal(false);
  const showTable = useSignal(false);
  const tip = useSignal<Tip>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = hydrated.value && !showTable.value && hasData(spec);
  useEffect(() => void (hydrated.value = true), []);
  useEffect(() => {
    if (!drawn || !canvas.current) return;
    const chart = draw(canvas.current, spec, tip);
    return () => chart.destroy();
  }, [drawn, spec]);
  const height = spec.horizontal ? Math.max(160, spec.labels.length * 30 + 60) : 280;
  const headingId = `chart-${spec.id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      class="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-chart={spec.id}
    >
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div class="min-w-0">
          <h2 id={headingId} class="text-base font-semibold text-slate-900">{spec.title}</h2>
          <p class="text-sm text-slate-600">{spec.note}</p>
        </div>
        <div class="flex items-center gap-2 text-sm">
          {hydrated.value
            ? (
              <button
                type="button"
                aria-pressed={showTable.value}
                onClick={() => showTable.value = !showTable.value}
                class={`rounded-md border px-2.5 py-1 font-medium ${
                  showTable.value
                    ? "border-slate-400 bg-slate-200 text-slate-900"
                    : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
                }`}
              >
                Table
              </button>
            )
            : null}
          <a
            href={csv}
            download
            class="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-slate-700 hover:bg-slate-50"
          >
            CSV<span class="sr-only">of {spec.title}</span>
          </a>
        </div>
      </div>
      <div class="mt-3">
        {!hasData(spec) ? <p class="py-6 text-center text-sm text-slate-600">{spec.empty}</p> : drawn
          ? (
            <>
              {spec.series.length > 1
                ? (
                  <ul class="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
                    {spec.series.map((s) => (
                      <li key={s.label} class="flex items-center gap-1.5">
                        <Swatch color={s.color} />
                        {s.label}
                      </li>
                    ))}
                  </ul>
                )
                : null}
              <div style={{ position: "relative", height: `${height}px` }} onMouseLeave={() => tip.value = null}>
                <canvas
                  ref={canvas}
                  role="img"
                  aria-label={`${spec.title}: bar chart. Use the Table button for the numbers and links.`}
                />
                {tip.value ? <TipBox spec={spec} tip={tip.value} /> : null}
              </div>
            </>
          )
          : <NumbersTable spec={spec} />}
      </div>
    </section>
  );
}
