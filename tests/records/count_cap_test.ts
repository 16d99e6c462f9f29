import assert from "node:assert/strict";
import { COUNT_CAP } from "@/lib/records/list.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";

Deno.test("lists count up to 10,000 and say 10,000+ past it; below, the exact count", async () => {
  const app = await testApp();
  try {
    const { client, org } = await orgWithOwner(app);
    const insert = (n: number, name: string) =>
      withOrg(
        { orgId: org.id },
        (q) =>
          q.insertInto(
            "contacts",
            Array.from({ length: n }, (_, i) => ({ first_name: `${name}${i}`, last_name: name })),
          )
            .execute(),
      );
    await insert(COUNT_CAP, "Many");
    const exact = await (await client.fetch(`/app/${org.slug}/contacts`)).text();
    assert.match(exact, /Showing 25 of 10,000 contacts/);
    await insert(5, "Few");
    const capped = await (await client.fetch(`/app/${org.slug}/contacts`)).text();
    assert.match(capped, /Showing 25 of 10,000\+ contacts/);
    const few = await (await client.fetch(`/app/${org.slug}/contacts?q=few`)).text();
    assert.match(few, /Showing 5 of 5 contacts/);
  } finally {
    await app.close();
  }
});
