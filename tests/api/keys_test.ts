/**
 * API keys: made by admins on the settings page (shown once, stored hashed, audited), sent as a bearer
 * token; a revoked, expired, unknown or malformed key, or one whose member left, gets the same 401; a
 * read key cannot write; a browser's session cookie does not authorise /api/v1, and CORS stays closed.
 */
import assert from "node:assert/strict";
import { hashToken } from "@/lib/auth/tokens.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { apiClient, apiKey } from "../helpers/api.ts";

Deno.test("API keys: an admin makes one in settings, sees it once, uses it, revokes it; a member cannot", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const admin = await fx.addMember("ADMIN", "Ada Admin");
    const member = await fx.addMember("MEMBER", "Max Member");
    const page = `/app/${fx.org.slug}/settings/api-keys`;

    const shell = await (await admin.client.fetch(`/app/${fx.org.slug}`)).text();
    assert.match(shell, /href="[^"]*\/settings\/api-keys"/, "admins find API keys in the settings menu");
    assert.doesNotMatch(await (await member.client.fetch(`/app/${fx.org.slug}`)).text(), /settings\/api-keys/);
    assert.equal((await member.client.fetch(page)).status, 403);
    assert.equal((await member.client.fetch(page, form({ name: "x", scope: "write", expires: "never" }))).status, 403);

    const invalid = await admin.client.fetch(page, form({ name: "", scope: "admin", expires: "7" }));
    assert.equal(invalid.status, 422);

    const created = await admin.client.fetch(page, form({ name: "Website sync", scope: "write", expires: "30" }));
    assert.equal(created.status, 200);
    const html = await created.text();
    const token = html.match(/value="(nxc_[A-Za-z0-9_-]{32})"/)?.[1];
    assert.ok(token, "the new key is shown");
    assert.match(html, /not shown again/);

    const listing = await (await admin.client.fetch(page)).text();
    assert.ok(!listing.includes(token), "the secret is not shown again");
    assert.ok(listing.includes(token.slice(0, 12)), "its prefix is");
    assert.match(listing, /Website sync/);
    assert.match(listing, /never used/);

    const [row] = await withOrg({ orgId: fx.org.id }, (q) => q.selectFrom("api_keys").selectAll().execute());
    assert.equal(row.token_hash, await hashToken(token), "stored as its hash");
    assert.equal(row.user_id, admin.user.id, "acts as the admin who made it");
    assert.ok(row.expires_at && row.expires_at.getTime() - Date.now() > 29 * 86_400_000);

    const api = apiClient(app, token);
    const me = await api.get("/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.member.id, admin.user.id);
    assert.match(await (await admin.client.fetch(page)).text(), /last used/);

    const revoked = await admin.client.fetch(`${page}/${row.id}`, form({}));
    assert.equal(revoked.status, 303);
    assert.equal((await api.get("/me")).status, 401, "revocation takes effect on the next request");
    assert.equal((await admin.client.fetch(`${page}/${row.id}`, form({}))).status, 404, "revoked once");

    const audit = await withOrg(
      { orgId: fx.org.id },
      (q) =>
        q.selectFrom("audit_log").select(["action", "actor_id", "target"]).where("action", "like", "api_key.%")
          .orderBy("id").execute(),
    );
    assert.deepEqual(audit, [
      { action: "api_key.created", actor_id: admin.user.id, target: "Website sync" },
      { action: "api_key.revoked", actor_id: admin.user.id, target: "Website sync" },
    ]);
    const auditPage = await (await fx.client.fetch(`/app/${fx.org.slug}/settings/audit`)).text();
    assert.match(auditPage, /Created an API key/);
    assert.match(auditPage, /Revoked an API key/);
  } finally {
    await app.close();
  }
});

Deno.test("API keys: every key that does not work gets the same 401, and learns nothing", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const admin = await fx.addMember("ADMIN");
    const other = await orgWithOwner(app, "Other Org");
    const expired = await apiKey(fx.org.id, fx.user.id, { expires: "30" });
    const expiredHash = await hashToken(expired);
    await withOrg(
      { orgId: fx.org.id },
      (q) =>
        q.updateTable("api_keys").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", expiredHash)
          .execute(),
    );
    const leaver = await apiKey(fx.org.id, admin.user.id, { role: "ADMIN" });
    await withOrg(
      { orgId: fx.org.id },
      (q) => q.deleteFrom("memberships").where("user_id", "=", admin.user.id).execute(),
    );
    const otherKey = await apiKey(other.org.id, other.user.id);
    const otherCompany = (await apiClient(app, otherKey).post("/companies", { name: "Theirs" })).body;

    const refusals = [];
    for (
      const authorization of [
        null,
        "Basic dXNlcjpwYXNz",
        "Bearer ",
        "Bearer not-a-key",
        `Bearer nxc_${"A".repeat(32)}`,
        `Bearer ${expired}`,
        `Bearer ${leaver}`,
        `Bearer ${expired}x`,
      ]
    ) {
      const res = await app.fetch("/api/v1/companies", { headers: authorization ? { authorization } : {} });
      const body = await res.json();
      refusals.push({ status: res.status, type: body.type, detail: body.detail });
      assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="NexaCRM API"', `${authorization}`);
      assert.ok(res.headers.get("ratelimit-remaining"), "a refusal carries RateLimit headers too");
    }
    assert.equal(new Set(refusals.map((r) => JSON.stringify(r))).size, 1, JSON.stringify(refusals));
    assert.equal(refusals[0].status, 401);

    // A key works in its own org only: another org's ids are not found.
    const mine = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    assert.equal((await mine.get(`/companies/${otherCompany.id}`)).status, 404);
    assert.equal((await mine.patch(`/companies/${otherCompany.id}`, { name: "Mine" })).status, 404);
    assert.equal((await mine.delete(`/companies/${otherCompany.id}`)).status, 404);
    assert.equal((await apiClient(app, otherKey).get(`/companies/${otherCompany.id}`)).body.name, "Theirs");
  } finally {
    await app.close();
  }
});

Deno.test("API keys: a read key reads but cannot write; a session cookie authorises nothing; CORS stays closed", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const reader = apiClient(app, await apiKey(fx.org.id, fx.user.id, { scope: "read" }));
    assert.equal((await reader.get("/companies")).status, 200);
    const write = await reader.post("/companies", { name: "Nope" });
    assert.equal(write.status, 403);
    assert.equal(write.body.type, "/docs/api#problem-insufficient-scope");
    assert.deepEqual((await reader.get("/me")).body.key.scopes, ["read"]);

    // The signed-in owner's browser: same origin, with its session cookie, and still no access.
    const viaCookie = await fx.client.fetch("/api/v1/companies", {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.origin },
      body: JSON.stringify({ name: "Forged" }),
    });
    assert.equal(viaCookie.status, 401);
    assert.equal((await fx.client.fetch("/api/v1/me")).status, 401);

    const preflight = await app.fetch("/api/v1/companies", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    assert.equal(preflight.status, 405);
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    const read = await app.fetch("/api/v1/me", { headers: { origin: "https://evil.example" } });
    assert.equal(read.headers.get("access-control-allow-origin"), null);
    await read.body?.cancel();
  } finally {
    await app.close();
  }
});
