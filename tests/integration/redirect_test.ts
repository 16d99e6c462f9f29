/**
 * Every user-supplied place to return to (`next`, `return`, `back`, the Continue link), walked through
 * the real app with a table of known open-redirect bypasses: the Location (or link) stays on this site
 * as a browser would resolve it, and nothing answers 500. A new caller of safeNext must be added here.
 */
import assert from "node:assert/strict";
import { ROOT } from "@/lib/app.ts";
import { testApp } from "../helpers/app.ts";
import { form, signedInUser } from "../helpers/accounts.ts";
import { dealWorld } from "../helpers/deals.ts";
import { freshEmail, freshIp } from "../helpers/auth.ts";

const EVIL = "evil.example";
const BYPASSES = [
  `//${EVIL}/`,
  `///${EVIL}/`,
  `////${EVIL}/`,
  `/\\${EVIL}/`,
  `\\\\${EVIL}/`,
  `/\\/${EVIL}/`,
  `\\/${EVIL}/`,
  `/\t/${EVIL}/`,
  `/\n/${EVIL}/`,
  `/\r/${EVIL}/`,
  `/\r\n/${EVIL}/`,
  `/\u0000/${EVIL}/`,
  `/\u007f/${EVIL}/`,
  `/%09/${EVIL}/`,
  `/%0d%0a/${EVIL}/`,
  `/%0A/${EVIL}/`,
  `/%00/${EVIL}/`,
  `/%2F%2F${EVIL}/`,
  `/%2f/${EVIL}/`,
  `/%5C${EVIL}/`,
  `/%5c%5c${EVIL}/`,
  `%2F%2F${EVIL}/`,
  `/.//${EVIL}/`,
  `/..//${EVIL}/`,
  `/./\\${EVIL}/`,
  ` //${EVIL}/`,
  `\t//${EVIL}/`,
  `https:${EVIL}`,
  `https://${EVIL}/`,
  `http:/${EVIL}/`,
  `HTTPS://${EVIL}`,
  `javascript:alert(1)`,
  `JaVaScRiPt:alert(1)`,
  `java\tscript:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `/\uFF0F${EVIL}/`,
  `\uFF0F\uFF0F${EVIL}/`,
  `/\u2215${EVIL}/`,
  `/\u202e//${EVIL}/`,
  `/%E0%A4%A`,
  `/%`,
  `@${EVIL}`,
  `//localhost:8000@${EVIL}/`,
];

// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

const unescape = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

Deno.test("redirects: every return parameter stays on this site through a table of known bypasses", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [dealId] = await w.addDeals(w.pipeline.stages[0].id, ["Redirect deal"]);
    const taskId = await w.run(async (q) =>
      (await q.insertInto("activities", {
        type: "task",
        subject: "Redirect task",
        record_type: "deal",
        record_id: dealId,
        owner_id: w.user.id,
        due_at: new Date(),
      }).returning("id").executeTakeFirstOrThrow()).id
    );
    const slug = w.org.slug;
    const location = async (res: Response) => {
      await res.body?.cancel();
      return { status: res.status, target: res.headers.get("location") };
    };

    /** Per source file that reads a return parameter: what it answers, and where each answer sends the browser. */
    type Answer = { status: number; target: string | null };
    const PROBES: Record<string, (value: string) => Promise<Answer[]>> = {
      "routes/(auth)/login.tsx": async (next) => {
        const { user } = await signedInUser(app);
        const res = await app.client().fetch("/login", {
          ...form({ email: user.email, password: "correct horse battery", next }),
          remoteAddr: freshIp(),
        });
        return [await location(res)];
      },
      "routes/(auth)/signup.tsx": async (next) => {
        const signedIn = await location(await w.client.fetch(`/signup?next=${encodeURIComponent(next)}`));
        // Signed out, `next` travels through /verify?next=… into the mailed link and its Continue link.
        const signedOut = await location(
          await app.client().fetch("/signup", {
            ...form({ name: "Nemo", email: freshEmail(), password: "a long enough passphrase", next }),
            remoteAddr: freshIp(),
          }),
        );
        const carried = new URL(signedOut.target ?? "//nowhere", app.origin).searchParams.get("next");
        return [signedIn, signedOut, { status: signedOut.status, target: carried }];
      },
      "routes/(auth)/verify.tsx": async (next) => {
        const res = await w.client.fetch(`/verify?next=${encodeURIComponent(next)}`);
        const href = (await res.text()).match(/<a href="([^"]*)"[^>]*>\s*Continue to NexaCRM/)?.[1];
        return [{ status: res.status, target: href === undefined ? null : unescape(href) }];
      },
      "lib/deals/http.ts": async (back) => [
        await location(
          await w.client.fetch(
            `/app/${slug}/deals/${dealId}/move`,
            form({ stageId: w.pipeline.stages[1].id, return: back }),
          ),
        ),
        await location(
          await w.client.fetch(`/app/${slug}/deals/${dealId}/outcome`, form({ outcome: "maybe", return: back })),
        ),
      ],
      "routes/app/[org]/notifications/read.ts": async (back) => [
        await location(await w.client.fetch(`/app/${slug}/notifications/read`, form({ back }))),
      ],
      "routes/app/[org]/tasks/[id]/done.ts": async (back) => [
        await location(await w.client.fetch(`/app/${slug}/tasks/${taskId}/done`, form({ done: "1", back }))),
      ],
    };

    const callers: string[] = [];
    for (const dir of ["routes", "lib"]) {
      for (const file of await Array.fromAsync(sourceFiles(`${ROOT}/${dir}`))) {
        if ((await Deno.readTextFile(file)).includes("safeNext(")) callers.push(file.slice(ROOT.length + 1));
      }
    }
    assert.deepEqual(callers.filter((f) => f !== "lib/http/redirect.ts").sort(), Object.keys(PROBES).sort());

    const failures: string[] = [];
    const isLocal = (target: string | null) =>
      target !== null && !UNSAFE.test(target) && new URL(target, app.origin).origin === app.origin;
    for (const [file, probe] of Object.entries(PROBES)) {
      for (const value of ["/app/elsewhere?x=1#y", ...BYPASSES]) {
        for (const { status, target } of await probe(value)) {
          if (status >= 500) failures.push(`${file} ${JSON.stringify(value)}: ${status}`);
          else if (!isLocal(target)) failures.push(`${file} ${JSON.stringify(value)}: to ${JSON.stringify(target)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});
