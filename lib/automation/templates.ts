/**
 * Email templates with merge fields (`{{deal.title}}`). Checked when a rule is saved: a field the
 * rule's record does not have is an error then, never an empty string at send time. Rendered text is
 * HTML-escaped for the HTML part, and a subject never carries a line break (no header injection).
 */
import type { RecordKind } from "./triggers.ts";

const COMMON = [
  "owner.name",
  "owner.email",
  "contact.first_name",
  "contact.last_name",
  "contact.email",
  "company.name",
  "org.name",
];

export const MERGE_FIELDS: Record<RecordKind, string[]> = {
  deal: ["deal.title", "deal.amount", "deal.stage", "deal.pipeline", "deal.close_date", "deal.status", ...COMMON],
  lead: ["lead.name", "lead.email", "lead.company", "lead.source", "lead.status", ...COMMON],
};

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The message for the first problem in `template`, or null when every merge field is known. */
export function templateError(template: string, record: RecordKind): string | null {
  for (const [, name] of template.matchAll(FIELD)) {
    if (!MERGE_FIELDS[record].includes(name)) {
      return `Unknown merge field {{${name}}}: use one of ${MERGE_FIELDS[record].map((f) => `{{${f}}}`).join(", ")}`;
    }
  }
  const left = template.replace(FIELD, "");
  if (left.includes("{{") || left.includes("}}")) return "A merge field is not closed: write it as {{deal.title}}";
  return null;
}

export function render(template: string, values: Record<string, string>): string {
  return template.replace(FIELD, (_all, name: string) => values[name] ?? "");
}

/** A single line: any line break a merge value brought becomes a space. */
export function renderLine(template: string, values: Record<string, string>): string {
  return render(template, values).replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The HTML part of a text body: everything escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return `<div style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</div>`;
}
