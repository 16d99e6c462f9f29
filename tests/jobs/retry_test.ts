/**
 * A job that keeps failing: retried with a growing, jittered backoff, dead after its last attempt,
 * shown to its org's admins with its error, and run again by an admin's Retry (a rep is refused,
 * another org sees nothing of it and cannot retry it).
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { retryDelayMs } from "@/lib/jobs/backoff.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { allJobs, drainJobs, makeDue } from "../helpers/jobs.ts";
import { flaky } from "./kinds.ts";

Deno.test("backoff: exponential from 15 s, capped at an hour, jittered between half and all of each step", () => {
  assert.deepEqual([1, 2, 3, 10].map((n) => retryDelayMs(n, 1)), [15_000, 30_000, 60_000, 3_600_000]);
  assert.deepEqual([1, 2, 3].map((n) => retryDelayMs(n, 0)), [7_500, 15_000, 30_000]);
  const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(4)));
  assert.ok(spread.size > 40, "jitter spreads jobs that failed together");
});

Deno.test("a failing job backs off, dies after its last attempt, and an admin's retry runs it", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const admin = await acme.addMember("ADMIN");
    const rep = await acme.addMember("MEMBER");
    const other = await orgWithOwner(app, "Other Co");
    const page = `/app/${acme.org.slug}/settings/jobs`;
    flaky.failing = true;
    await withOrg({ orgId: acme.org.id }, (q) => enqueue(q, "test.flaky", {}));

    const waits: number[] = [];
    for (const attempt of [1, 2]) {
      const before = Date.now();
      await drainJobs();
      const [job] = await allJobs();
      assert.equal(job.status, "failed");
      assert.equal(job.attempts, attempt);
      assert.match(job.last_error ?? "", /the test's provider is down/);
      waits.push(job.run_at.getTime() - before);
      assert.equal(await drainJobs(), 0, "not due again before its backoff");
      await makeDue();
    }
    assert.ok(waits[0] >= 7_000 && waits[0] <= 16_000, `first wait ${waits[0]} ms`);
    assert.ok(waits[1] >= 14_000 && waits[1] <= 31_000, `second wait ${waits[1]} ms`);
    await drainJobs();
    let [job] = await allJobs();
    assert.equal(job.status, "dead");
    assert.equal(job.attempts, 3);
    assert.equal(flaky.runs, 3);

    const shown = await (await admin.client.fetch(page)).text();
    assert.match(shown, /Flaky test job/);
    assert.match(shown, /gave up/);
    assert.match(shown, /3 of 3/);
    assert.match(shown, /the test&#x27;s provider is down|the test's provider is down/);

    // A sales rep neither sees nor retries it; nor does another org, nor a cross-site form.
    const repPage = await rep.client.fetch(page);
    assert.equal(repPage.status, 403);
    assert.doesNotMatch(await repPage.text(), /provider is down/);
    const retry = `${page}/${job.id}/retry`;
    const repRetry = await rep.client.fetch(retry, form({}));
    assert.equal(repRetry.status, 403);
    await repRetry.body?.cancel();
    const otherPage = await other.client.fetch(`/app/${other.org.slug}/settings/jobs`);
    assert.doesNotMatch(await otherPage.text(), /Flaky test job|provider is down/);
    const otherRetry = await other.client.fetch(`/app/${other.org.slug}/settings/jobs/${job.id}/retry`, form({}));
    assert.equal(otherRetry.status, 404);
    await otherRetry.body?.cancel();
    const forged = await admin.client.fetch(retry, { ...form({}), headers: { origin: "https://evil.example" } });
    assert.equal(forged.status, 403);
    await forged.body?.cancel();
    [job] = await allJobs();
    assert.equal(job.status, "dead", "nothing above changed it");

    flaky.failing = false;
    const retried = await admin.client.fetch(retry, form({}));
    assert.equal(retried.status, 303);
    assert.equal(retried.headers.get("location"), `${page}?notice=retried`);
    [job] = await allJobs();
    assert.equal(job.status, "queued");
    assert.equal(job.max_attempts, 4, "a dead job gets one more attempt");
    assert.equal(await drainJobs(), 1);
    [job] = await allJobs();
    assert.equal(job.status, "done");
    assert.equal(flaky.runs, 4);
    const after = await (await admin.client.fetch(`${page}?notice=retried`)).text();
    assert.match(after, /queued to run again/);
    assert.match(after, /No failed jobs/);
    const again = await admin.client.fetch(retry, form({}));
    assert.equal(again.status, 404, "a done job is not retried");
    await again.body?.cancel();
  } finally {
    await app.close();
  }
});
