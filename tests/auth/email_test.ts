import assert from "node:assert/strict";
import { queueEmail } from "@/lib/email/jobs.ts";
import { services } from "@/lib/data/services.ts";
import { asPlatform } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { drainJobs } from "../helpers/jobs.ts";

const hello = { to: "ada@example.test", subject: "Hello Ada", text: "Open http://localhost:8000/verify?token=abc" };

Deno.test("email: without Resend, a queued email arrives in the dev mailbox when its job runs", async () => {
  const app = await testApp();
  try {
    await asPlatform((q) => queueEmail(q, hello));
    const row = await services().db.selectFrom("emails").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.to_address, "ada@example.test");
    assert.equal(row.sent_at, null, "stored, not yet delivered");
    assert.doesNotMatch(await (await app.fetch("/dev/mailbox")).text(), /Hello Ada/);
    assert.equal((await app.fetch(`/dev/mailbox/${row.id}`)).status, 404);

    assert.equal(await drainJobs(), 1);
    const list = await app.fetch("/dev/mailbox");
    assert.equal(list.status, 200);
    assert.match(await list.text(), /Hello Ada/);
    const detail = await app.fetch(`/dev/mailbox/${row.id}`);
    assert.equal(detail.status, 200);
    assert.match(await detail.text(), /href="http:\/\/localhost:8000\/verify\?token=abc"/);
    assert.equal((await app.fetch(`/dev/mailbox/not-a-uuid`)).status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("email: with RESEND_API_KEY, the job sends through the resend library once, and the mailbox is gone", async () => {
  const received: { auth: string | null; idempotency: string | null; body: Record<string, unknown> }[] = [];
  const fake = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    received.push({
      auth: req.headers.get("authorization"),
      idempotency: req.headers.get("idempotency-key"),
      body: await req.json(),
    });
    return Response.json({ id: "email_123" });
  });
  Deno.env.set("RESEND_BASE_URL", `http://127.0.0.1:${fake.addr.port}`);
  const app = await testApp({ RESEND_API_KEY: "re_test_key", EMAIL_FROM: "NexaCRM <hi@nexacrm.test>" });
  try {
    await asPlatform((q) =>
      queueEmail(q, { to: "bob@example.test", subject: "Hi Bob", text: "plain", html: "<p>html</p>" })
    );
    assert.equal(received.length, 0, "nothing is sent inside the transaction");
    await drainJobs();
    assert.equal(received.length, 1);
    const row = await services().db.selectFrom("emails").selectAll().executeTakeFirstOrThrow();
    assert.equal(received[0].auth, "Bearer re_test_key");
    assert.equal(received[0].idempotency, `email-${row.id}`);
    assert.equal(received[0].body.from, "NexaCRM <hi@nexacrm.test>");
    assert.deepEqual(received[0].body.to, "bob@example.test");
    assert.equal(received[0].body.subject, "Hi Bob");
    assert.equal(row.provider_id, "email_123");
    assert.ok(row.sent_at);
    assert.equal(await drainJobs(), 0, "a delivered email's job is done");
    const mailbox = await app.fetch("/dev/mailbox");
    assert.equal(mailbox.status, 404);
    await mailbox.body?.cancel();
  } finally {
    Deno.env.delete("RESEND_BASE_URL");
    await app.close();
    await fake.shutdown();
  }
});

Deno.test("email: the dev mailbox stays closed for an app served on a public address, even outside production", async () => {
  const app = await testApp({ APP_URL: "https://crm.example.com", DENO_ENV: "development" });
  try {
    const mailbox = await app.client().fetch("/dev/mailbox");
    assert.equal(mailbox.status, 404);
    await mailbox.body?.cancel();
  } finally {
    await app.close();
  }
});
