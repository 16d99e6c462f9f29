import assert from "node:assert/strict";
import { sendEmail } from "@/lib/email/send.ts";
import { services } from "@/lib/data/services.ts";
import { testApp } from "../helpers/app.ts";

Deno.test("email: without Resend, emails are stored and listed in the dev mailbox", async () => {
  const app = await testApp();
  try {
    await sendEmail({
      to: "ada@example.test",
      subject: "Hello Ada",
      text: "Open http://localhost:8000/verify?token=abc",
    });
    const row = await services().db.selectFrom("emails").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.to_address, "ada@example.test");
    assert.equal(row.sent_at, null);

    const list = await app.fetch("/dev/mailbox");
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.match(html, /Hello Ada/);
    const detail = await app.fetch(`/dev/mailbox/${row.id}`);
    assert.equal(detail.status, 200);
    assert.match(await detail.text(), /href="http:\/\/localhost:8000\/verify\?token=abc"/);
    assert.equal((await app.fetch(`/dev/mailbox/not-a-uuid`)).status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("email: with RESEND_API_KEY, emails go through the resend library and the mailbox is gone", async () => {
  const received: { auth: string | null; body: Record<string, unknown> }[] = [];
  const fake = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    received.push({ auth: req.headers.get("authorization"), body: await req.json() });
    return Response.json({ id: "email_123" });
  });
  Deno.env.set("RESEND_BASE_URL", `http://127.0.0.1:${fake.addr.port}`);
  const app = await testApp({ RESEND_API_KEY: "re_test_key", EMAIL_FROM: "NexaCRM <hi@nexacrm.test>" });
  try {
    await sendEmail({ to: "bob@example.test", subject: "Hi Bob", text: "plain", html: "<p>html</p>" });
    assert.equal(received.length, 1);
    assert.equal(received[0].auth, "Bearer re_test_key");
    assert.equal(received[0].body.from, "NexaCRM <hi@nexacrm.test>");
    assert.deepEqual(received[0].body.to, "bob@example.test");
    assert.equal(received[0].body.subject, "Hi Bob");
    const row = await services().db.selectFrom("emails").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.provider_id, "email_123");
    assert.ok(row.sent_at);
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
