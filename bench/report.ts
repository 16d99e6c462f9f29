/** Budgets, checked per endpoint, and the printed table. */
import type { Endpoint } from "./endpoints.ts";
import type { LoadResult } from "./load.ts";
import type { ProbedEndpoint } from "./probe.ts";
import type { Weight } from "./weight.ts";

export const BUDGETS = {
  /** Board and list pages, at the bench's concurrency. */
  p95Ms: 100,
  /** Endpoint p50 over its floor's p50 (trivial route + its own SQL replayed directly). */
  floorRatio: 2,
  cssBytes: 20 * 1024,
};

export interface Check {
  budget: string;
  pass: boolean;
  detail: string;
}

export interface EndpointResult extends ProbedEndpoint {
  spec: Endpoint;
  load?: LoadResult;
  weight?: Weight;
  floor?: { routeP50: number; sqlP50: number; p50: number; ratio: number };
  checks: Check[];
}

export function check(r: Omit<EndpointResult, "checks">): Check[] {
  const checks: Check[] = [];
  const { load, weight, floor, spec } = r;
  if (load) {
    const failed = load.non2xx + load.errors;
    checks.push({ budget: "errors", pass: failed === 0, detail: `${failed} of ${load.requests} responses not 2xx` });
    const p95Budget = spec.p95BudgetMs ?? (spec.latencyBudget ? BUDGETS.p95Ms : null);
    if (p95Budget !== null) {
      checks.push({
        budget: "p95",
        pass: load.p95 < p95Budget,
        detail: `p95 ${load.p95.toFixed(1)} ms (budget < ${p95Budget} ms)`,
      });
    }
  }
  if (floor && spec.kind !== "floor") {
    checks.push({
      budget: "floor",
      pass: floor.ratio <= BUDGETS.floorRatio,
      detail: `p50 ${load!.p50.toFixed(1)} ms is ${floor.ratio.toFixed(2)}× its floor ${floor.p50.toFixed(1)} ms ` +
        `(route ${floor.routeP50.toFixed(1)} + SQL ${floor.sqlP50.toFixed(1)}; budget ≤ ${BUDGETS.floorRatio}×)`,
    });
  }
  if (weight && spec.kind === "page") {
    if (weight.islands === 0) {
      checks.push({ budget: "js", pass: weight.js === 0, detail: `island-free page ships ${weight.js} B of JS` });
    }
    if (spec.jsWireBudget) {
      checks.push({
        budget: "js",
        pass: weight.jsWire < spec.jsWireBudget,
        detail: `${kb(weight.jsWire)} of JS files on the wire (budget < ${kb(spec.jsWireBudget)})`,
      });
    }
    checks.push({
      budget: "css",
      pass: weight.css < BUDGETS.cssBytes,
      detail: `${kb(weight.css)} of CSS (budget < ${kb(BUDGETS.cssBytes)})`,
    });
  }
  return checks;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** Raw bytes and bytes on the wire, in KB (inline CSS and scripts are on the wire inside the HTML). */
const rawWire = (raw: number, wire: number) => `${(raw / 1024).toFixed(1)}/${(wire / 1024).toFixed(1)}`;
const ms = (n: number | undefined) => n === undefined || Number.isNaN(n) ? "-" : n.toFixed(1);

/** A probe's answer that the bench loads: 200, or 201 for a create. */
export const ok = (status: number) => status === 200 || status === 201;

export function table(results: EndpointResult[]): string {
  const head = [
    "endpoint",
    "req/s",
    "p50",
    "p95",
    "p99",
    "floor",
    "ratio",
    "SQL",
    "HTML raw/wire KB",
    "CSS raw/wire KB",
    "JS raw/wire KB",
    "reqs",
    "budgets",
  ];
  const rows = results.map((r) => {
    const w = r.weight;
    const failed = r.checks.filter((c) => !c.pass).map((c) => c.budget);
    const verdict = !ok(r.status)
      ? (r.status === 404 || r.status === 0 ? "missing" : `HTTP ${r.status}`)
      : failed.length
      ? `FAIL ${[...new Set(failed)].join(",")}`
      : "PASS";
    return [
      r.name,
      r.load ? r.load.rps.toFixed(0) : "-",
      ms(r.load?.p50),
      ms(r.load?.p95),
      ms(r.load?.p99),
      ms(r.floor?.p50),
      r.floor ? `${r.floor.ratio.toFixed(2)}×` : "-",
      r.sql ? `${r.sql.statements}q ${ms(r.sql.serialMs)}` : "-",
      w ? rawWire(w.html, w.htmlWire) : "-",
      w ? rawWire(w.css, w.cssWire) : "-",
      w ? rawWire(w.js, w.jsWire) : "-",
      w ? String(w.requests) : "-",
      verdict,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
