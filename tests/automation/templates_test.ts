import assert from "node:assert/strict";
import { render, renderLine, templateError, textToHtml } from "@/lib/automation/templates.ts";
import { conditionHolds } from "@/lib/automation/conditions.ts";
import type { RecordFacts } from "@/lib/automation/facts.ts";

Deno.test("templates: unknown or unclosed merge fields are errors when saving, per kind of record", () => {
  assert.equal(templateError("Hi {{contact.first_name}}, {{ deal.title }}", "deal"), null);
  assert.match(templateError("{{deal.nope}}", "deal")!, /Unknown merge field \{\{deal\.nope\}\}/);
  assert.match(templateError("{{deal.title}}", "lead")!, /Unknown merge field/, "a lead rule has no deal");
  assert.match(templateError("Hi {{deal.title", "deal")!, /not closed/);
  assert.match(templateError("Hi }}", "deal")!, /not closed/);
});

Deno.test("templates: merge values are escaped in HTML, and a subject stays one line", () => {
  const values = { "deal.title": `<img src=x onerror=alert(1)> & "q"`, "owner.name": "Eve\r\nBcc: all@evil.test" };
  const body = render("Deal: {{deal.title}}", values);
  assert.equal(body, `Deal: <img src=x onerror=alert(1)> & "q"`);
  const html = textToHtml(body);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;q&quot;/);
  assert.equal(renderLine("From {{owner.name}}", values), "From Eve Bcc: all@evil.test");
  assert.doesNotMatch(renderLine("{{owner.name}}", { "owner.name": "a\u2028b\nc" }), /[\r\n\u2028]/);
});

Deno.test("conditions: each kind tested against a record's facts", () => {
  const facts: RecordFacts = {
    type: "lead",
    id: "x",
    title: "Ada",
    pipelineId: null,
    stageId: null,
    status: "new",
    ownerId: "u1",
    ownerTeam: "East",
    amountMinor: null,
    source: "web_form",
    text: { name: "Ada Lovelace", company: "Engines Ltd", message: "" },
    merge: {},
    ownerEmail: null,
    contactEmail: null,
  };
  assert.equal(conditionHolds({ type: "team", value: "East" }, facts), true);
  assert.equal(conditionHolds({ type: "team", value: "West" }, facts), false);
  assert.equal(conditionHolds({ type: "source", value: "web_form" }, facts), true);
  assert.equal(conditionHolds({ type: "source", value: "api" }, facts), false);
  assert.equal(conditionHolds({ type: "text", field: "company", value: "ENGINES" }, facts), true);
  assert.equal(conditionHolds({ type: "amount", min: 0, max: null }, facts), false, "a lead has no amount");
  assert.equal(conditionHolds({ type: "owner", value: "u1" }, facts), true);
});
