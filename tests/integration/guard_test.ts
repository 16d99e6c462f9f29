import assert from "node:assert/strict";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner, signedInUser } from "../helpers/accounts.ts";

Deno.test("guard: members reach their org, others get 404, anonymous users are sent to log in", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const home = await acme.client.fetch(`/app/${acme.org.slug}`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Olive Owner/);

    const stranger = await signedInUser(app, "Stranger");
    const denied = await stranger.client.fetch(`/app/${acme.org.slug}`);
    assert.equal(denied.status, 404);
    assert.doesNotMatch(await denied.text(), /Acme/);

    const anonymous = await app.client().fetch(`/app/${acme.org.slug}?x=1`);
    assert.equal(anonymous.status, 303);
    assert.equal(
      anonymous.headers.get("location"),
      `/login?next=${encodeURIComponent(`/app/${acme.org.slug}?x=1`)}`,
    );
  } finally {
    await app.close();
  }
});
