/**
 * The signed-in frame around workspace pages: one current navigation item, refusals explained inside the frame
 * with a way home, and a record's attachments card only when there is something to show.
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { pastDue } from "../helpers/billing.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

/** The labels of the links marked as the current page. */
function currentLinks(html: string): string[] {
  return [...html.matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
}

/** The labels of the links drawn as current (the highlighted style). */
function highlightedLinks(html: string): string[] {
  return [...html.matchAll(/<a [^>]*class="[^"]*\bbg-brand-50\b[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
}

Deno.test("navigation marks exactly one item as the current page, visually and with aria-current", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    const base = `/app/${acme.org.slug}`;
    const expected: [path: string, current: string][] = [
      ["", "My day"],
      ["/deals/list", "Deals"],
      ["/settings", "Organisation"],
      ["/settings/members", "Members"],
      ["/settings/billing", "Billing"],
      ["/settings/pipelines", "Pipelines"],
      ["/settings/audit", "Audit log"],
    ];
    for (const [path, current] of expected) {
      const res = await acme.client.fetch(base + path);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.deepEqual(currentLinks(html), [current], path);
      assert.deepEqual(highlightedLinks(html), [current], path);
    }
  } finally {
    await app.close();
  }
});

Deno.test("a refused page is explained inside the app frame with a link home; API clients still get JSON", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    const member = await acme.addMember("MEMBER", "Mo Member");
    const base = `/app/${acme.org.slug}`;

    const forbidden = await member.client.fetch(`${base}/settings/billing`);
    assert.equal(forbidden.status, 403);
    const html = await forbidden.text();
    assert.match(html, /<nav aria-label="Workspace">/, "the app's navigation is there");
    assert.match(html, /<main id="main"/);
    assert.match(html, /<h1[^>]*>You do not have access to this<\/h1>/);
    assert.match(html, /You do not have permission to do that/);
    assert.match(html, new RegExp(`<a href="${base}"[^>]*>Back to Acme Inc</a>`));
    assert.doesNotMatch(html, /Choose a plan/, "nothing of the refused page is shown");

    const json = await member.client.fetch(`${base}/settings/billing`, { headers: { accept: "application/json" } });
    assert.equal(json.status, 403);
    assert.deepEqual(await json.json(), { error: "You do not have permission to do that" });

    await pastDue(acme.org.id, 2);
    const readOnly = await member.client.fetch(`${base}/contacts/new`, form({ first_name: "Nope", owner_id: "" }));
    assert.equal(readOnly.status, 402);
    const refused = await readOnly.text();
    assert.match(refused, /<nav aria-label="Workspace">/);
    assert.match(refused, /<h1[^>]*>Not available right now<\/h1>/);
    assert.match(refused, /read-only because payment has been failing since/);
    assert.match(refused, new RegExp(`<a href="${base}"[^>]*>Back to Acme Inc</a>`));
  } finally {
    await app.close();
  }
});

Deno.test("the attachments card shows a record's attachments and is absent when there are none", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    const created = await acme.client.fetch(`/app/${acme.org.slug}/companies/new`, form({ name: "Globex" }));
    assert.equal(created.status, 303);
    const page = created.headers.get("location")!;
    const id = page.split("/").pop()!;

    const bare = await (await acme.client.fetch(page)).text();
    assert.match(bare, /Globex/);
    assert.doesNotMatch(bare, /Attachments|id="attachments"/, "no card that offers nothing");

    await withOrg({ orgId: acme.org.id }, (q) =>
      q.insertInto("attachments", {
        record_type: "company",
        record_id: id,
        file_name: "contract.pdf",
        content_type: "application/pdf",
        size_bytes: 2048,
        storage_key: `attachments/${id}.pdf`,
        uploaded_by: acme.user.id,
      }).execute());
    const shown = await (await acme.client.fetch(page)).text();
    assert.match(shown, /id="attachments"/);
    assert.match(shown, /contract\.pdf/);
    assert.match(shown, /application\/pdf · 2\.0 KB/);
  } finally {
    await app.close();
  }
});
