/** The reports' filters as a GET form, so every report is a link: range (or custom days), pipeline, owner, team. */
import type { Member } from "@/lib/records/members.ts";
import type { Pipeline } from "@/lib/pipelines/pipelines.ts";
import type { ReportFilters } from "@/lib/reports/filters.ts";
import { RANGES } from "@/lib/reports/periods.ts";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
const labelClass = "block text-xs font-medium text-slate-600";

function Select(
  { name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] },
) {
  return (
    <div class="basis-40 grow sm:grow-0">
      <label for={`report-${name}`} class={labelClass}>{label}</label>
      <select id={`report-${name}`} name={name} class={control}>
        {options.map(([v, text]) => <option key={v} value={v} selected={v === value}>{text}</option>)}
      </select>
    </div>
  );
}

export function ReportFilterForm(
  { action, filters, pipelines, members, errors = {} }: {
    action: string;
    filters: ReportFilters;
    pipelines: Pipeline[];
    members: Member[];
    errors?: Record<string, string>;
  },
) {
  const teams = [...new Set(members.map((m) => m.team).filter((t): t is string => !!t))].sort();
  const date = (name: "from" | "to", label: string) => (
    <div class="basis-36 grow sm:grow-0">
      <label for={`report-${name}`} class={labelClass}>{label}</label>
      <input
        id={`report-${name}`}
        name={name}
        type="date"
        value={filters[name]}
        aria-invalid={errors[name] ? "true" : undefined}
        aria-describedby={errors[name] ? `report-${name}-error` : undefined}
        class={control}
      />
      {errors[name] ? <p id={`report-${name}-error`} class="mt-1 text-xs text-red-700">{errors[name]}</p> : null}
    </div>
  );
  return (
    <form method="get" action={action} aria-label="Report filters" class="mb-6 flex flex-wrap items-end gap-3">
      <Select
        name="range"
        label="Period"
        value={filters.range}
        options={Object.entries(RANGES) as [string, string][]}
      />
      {date("from", "From (custom)")}
      {date("to", "To (custom)")}
      <Select
        name="pipeline"
        label="Pipeline"
        value={filters.pipeline}
        options={[["", "All pipelines"], ...pipelines.map((p) => [p.id, p.name] as [string, string])]}
      />
      <Select
        name="owner"
        label="Owner"
        value={filters.owner}
        options={[["", "Anyone"], ...members.map((m) => [m.id, m.name] as [string, string])]}
      />
      <Select
        name="team"
        label="Team"
        value={filters.team}
        options={[["", "Every team"], ...teams.map((t) => [t, t] as [string, string])]}
      />
      <div class="flex gap-2">
        <button
          type="submit"
          class="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Apply
        </button>
        <a href={action} class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700">
          Reset
        </a>
      </div>
    </form>
  );
}
