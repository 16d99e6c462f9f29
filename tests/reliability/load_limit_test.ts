import assert from "node:assert/strict";
import { limitLoad } from "@/lib/fresh/load_limit.ts";

/** A handler whose requests finish only when the test says so. */
function heldHandler() {
  const held: (() => void)[] = [];
  const handler = (req: Request) =>
    new URL(req.url).pathname === "/slow"
      ? new Promise<Response>((resolve) => held.push(() => resolve(new Response("done"))))
      : Promise.resolve(new Response("quick"));
  return { handler, finishOne: () => held.shift()?.() };
}

const req = (path: string) => new Request(`http://127.0.0.1${path}`);

Deno.test("load limit: beyond the slots a request waits, takes a freed slot, and the overflow gets a fast 503", async () => {
  const { handler, finishOne } = heldHandler();
  const limited = limitLoad(handler, { maxInFlight: 2, maxWaitMs: 5_000, maxQueued: 1 });
  const first = limited(req("/slow")), second = limited(req("/slow"));
  const third = limited(req("/slow")); // waits for a slot
  const started = performance.now();
  const overflow = await limited(req("/slow")); // the queue is full: refused at once
  assert.equal(overflow.status, 503);
  assert.equal(overflow.headers.get("retry-after"), "1");
  assert.ok(performance.now() - started < 100);
  await overflow.body?.cancel();
  // Health and files pass however busy the process is.
  assert.equal(await (await limited(req("/healthz"))).text(), "quick");
  assert.equal(await (await limited(req("/_islands/Board-abc.js"))).text(), "quick");

  finishOne();
  assert.equal(await (await first).text(), "done");
  finishOne(); // the third got the first's slot and is now held
  assert.equal(await (await second).text(), "done");
  finishOne();
  assert.equal(await (await third).text(), "done");
});

Deno.test("load limit: a request that waited its bounded time gets a 503 with Retry-After and frees its place", async () => {
  const { handler, finishOne } = heldHandler();
  const limited = limitLoad(handler, { maxInFlight: 1, maxWaitMs: 30, maxQueued: 5 });
  const running = limited(req("/slow"));
  const waited = await limited(req("/slow"));
  assert.equal(waited.status, 503);
  await waited.body?.cancel();
  finishOne();
  assert.equal(await (await running).text(), "done");
  // The slot is free again: the next request runs at once.
  const next = limited(req("/slow"));
  await new Promise((r) => setTimeout(r, 0)); // it reaches the handler
  finishOne();
  assert.equal((await next).status, 200);
});
