/**
 * Emails leave through jobs: a provider that hangs or fails neither slows nor fails the request that
 * causes the email; its job retries (with the same idempotency key) until the provider takes it; a
 * change that rolls back sends nothing.
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { createInvitation } from "@/lib/tenancy/invitations.ts";
import { resolveMembership } from "@/lib/auth/guard.ts";
import { freshEmail, freshIp } from "../helpers/auth.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { allJobs, drainJobs, makeDue } from "../helpers/jobs.ts";

/** A stand-in for Resend's API that hangs, refuses or accepts, as the test says. */
function resendFake() {
  const fake = {
    mode: "hang" as "hang" | "fail" | "ok",
    requests: [] as { idempotencyKey: string | null; to: string }[],
    release: () => {},
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.json();
    fake.requests.push({ idempotencyKey: req.headers.get("idempotency-key"), to: body.to });
    if (fake.mode === "hang") await new Promise<void>((resolve) => (fake.release = resolve));
    if (fake.mode !== "ok") {
      return Response.json({ name: "application_error", message: "provider down", statusCode: 500 }, { status: 500 });
    }
    return Response.json({ id: `re_${fake.requests.length}` });
  });
  Deno.env.set("RESEND_BASE_URL", `http://127.0.0.1:${server.addr.port}`);
  return {
    fake,
    async close() {
      fake.release();
      Deno.env.delete("RESEND_BASE_URL");
      await server.shutdown();
    },
  };
}

Deno.test("email provider down: sign-up still answers at once, and the email's job retries until it is sent", async () => {
  const resend = resendFake();
  const app = await testApp({ RESEND_API_KEY: "re_test_key" });
  try {
    const email = freshEmail("newcomer");
    const started = performance.now();
    const res = await app.client().fetch("/signup", {
      ...form({ name: "New Comer", email, password: "a long unusual passphrase" }),
      remoteAddr: freshIp(),
    });
    const took = performance.now() - started;
    assert.equal(res.status, 303);
    await res.body?.cancel();
    assert.ok(took < 2_000, `the request took ${Math.round(took)} ms`);
    assert.equal(resend.fake.requests.length, 0, "the provider is not called inside the request");

    resend.fake.mode = "fail";
    await drainJobs();
    let [job] = await allJobs();
    assert.deepEqual([job.kind, job.status, job.attempts], ["email.send", "failed", 1]);
    assert.match(job.last_error ?? "", /Resend refused the email: provider down/);

    resend.fake.mode = "ok";
    await makeDue();
    await drainJobs();
    [job] = await allJobs();
    assert.equal(job.status, "done");
    const row = await services().db.selectFrom("emails").selectAll().where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    assert.equal(row.subject, "Confirm your email address");
    assert.equal(row.provider_id, "re_2");
    assert.deepEqual(resend.fake.requests, [
      { idempotencyKey: `email-${row.id}`, to: email },
      { idempotencyKey: `email-${row.id}`, to: email },
    ], "both attempts carry the same idempotency key");
  } finally {
    await app.close();
    await resend.close();
  }
});

Deno.test("an invitation that rolls back sends nothing", async () => {
  const resend = resendFake();
  resend.fake.mode = "ok";
  const app = await testApp({ RESEND_API_KEY: "re_test_key" });
  try {
    const acme = await orgWithOwner(app);
    const auth = await resolveMembership({ ...acme.user, emailVerified: true, sessionHash: "" }, acme.org.slug);
    await assert.rejects(withOrg(tenantOf(auth), async (q) => {
      await createInvitation(q, actorOf(auth, "127.0.0.1"), acme.org, { email: "ghost@example.test", role: "MEMBER" });
      throw new Error("something later in the same change fails");
    }));
    assert.equal(await drainJobs(), 0);
    assert.deepEqual(await allJobs(), []);
    assert.equal((await services().db.selectFrom("emails").select("id").execute()).length, 0);
    assert.equal(resend.fake.requests.length, 0);
  } finally {
    await app.close();
    await resend.close();
  }
});
