/**
 * Garbage to every form of the account and tenancy pages: missing fields, 10 MB strings, wrong
 * types (repeated keys, JSON, multipart with files), odd unicode. Field errors or refusals, never a 500.
 */
import assert from "node:assert/strict";
import manifest from "@/fresh.gen.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { freshIp } from "../helpers/auth.ts";
import { postGarbage, routeUrls, sweepUrls } from "../helpers/garbage.ts";

/** Each form and the fields it reads. */
const FORMS: [path: string, fields: string[]][] = [
  ["/signup", ["name", "email", "password", "next"]],
  ["/login", ["email", "password", "next"]],
  ["/forgot-password", ["email"]],
  ["/reset-password", ["token", "password", "confirm"]],
  ["/verify", []],
  ["/invite/acme/not-a-token", ["intent", "name", "password"]],
  ["/account/password", ["current", "password"]],
  ["/account/email", ["email", "password"]],
  ["/account/sessions", ["session", "others"]],
  ["/app", ["name", "slug"]],
  ["/app/acme/settings", ["name", "slug", "visibility", "rotting_days"]],
  ["/app/acme/settings/delete", ["confirm"]],
  ["/app/acme/settings/transfer", ["user_id"]],
  ["/app/acme/settings/members", ["email", "role"]],
  ["/app/acme/settings/members/MEMBER_ID", ["intent", "role", "team", "reassign_to"]],
  ["/app/acme/settings/members/invitations/not-an-id", []],
  ["/app/acme/settings/members/invitations/00000000-0000-7000-8000-000000000000", []],
  ["/app/acme/settings/members/leave", ["reassign_to"]],
  ["/logout", []],
];

/** Otherwise valid forms with a NUL character (which Postgres text cannot hold) in a free-text field. */
const NUL_IN_VALID: [path: string, values: Record<string, string>][] = [
  ["/signup", { name: "Nul\u0000Name", email: "nul@example.test", password: "a long enough passphrase" }],
  ["/app", { name: "Nul\u0000Org", slug: "" }],
  ["/app/acme/settings", { name: "Nul\u0000Org", slug: "acme", visibility: "all", rotting_days: "14" }],
  ["/invite/acme/not-a-token", { intent: "signup", name: "Nul\u0000", password: "a long enough passphrase" }],
];

Deno.test("garbage input to every account and tenancy form gives field errors or refusals, never a 500", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const member = await acme.addMember("MEMBER");
    const failures: string[] = [];
    for (const [template, fields] of FORMS) {
      const path = template.replace("MEMBER_ID", member.user.id);
      failures.push(
        ...await postGarbage(path, fields, (init) => acme.client.fetch(path, { ...init, remoteAddr: freshIp() })),
      );
    }
    for (const [path, values] of NUL_IN_VALID) {
      const body = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, v.replace("\\u0000", "\u0000")]));
      const res = await member.client.fetch(path, {
        method: "POST",
        body: body.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" },
        remoteAddr: freshIp(),
      });
      if (res.status >= 500) failures.push(`${path} (NUL): ${res.status}`);
      await res.body?.cancel();
    }
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});

Deno.test("garbage in the path and the query string of every route, signed out: never a 500, never off-site", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const urls = routeUrls(manifest.routes, (param) => param === "org" ? acme.org.slug : crypto.randomUUID());
    assert.ok(urls.length >= 60, `found ${urls.length} routes`);
    assert.deepEqual(await sweepUrls(app.client().fetch, urls, app.origin), []);
  } finally {
    await app.close();
  }
});
