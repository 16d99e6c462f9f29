import assert from "node:assert/strict";
import { sql } from "kysely";
import { services } from "@/lib/data/services.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { authEvents, emailsTo, freshEmail, freshIp, linkIn, signUpAndConfirm } from "../helpers/auth.ts";

const PASSWORD = "a long enough passphrase";

async function signUp(app: Awaited<ReturnType<typeof testApp>>, email = freshEmail()) {
  const client = app.client();
  await signUpAndConfirm(client, { name: "Rita", email, password: PASSWORD });
  return { client, email };
}

Deno.test("password reset: same answer for any address; the link works once, ends every session", async () => {
  const app = await testApp();
  try {
    const { client, email } = await signUp(app);
    const ip = freshIp();
    const known = await app.fetch("/forgot-password", { ...form({ email }), remoteAddr: ip });
    const unknownEmail = freshEmail();
    const unknown = await app.fetch("/forgot-password", { ...form({ email: unknownEmail }), remoteAddr: ip });
    assert.equal(known.status, unknown.status);
    assert.equal(
      (await known.text()).replace(/nonce="[^"]*"/g, "").replaceAll(email, "X"),
      (await unknown.text()).replace(/nonce="[^"]*"/g, "").replaceAll(unknownEmail, "X"),
    );
    assert.equal((await emailsTo(unknownEmail)).length, 0);

    const link = await linkIn(email);
    assert.match(link, /^\/reset-password\?token=/);
    const page = await app.fetch(link);
    assert.match(await page.text(), /Choose a new password/);
    const token = new URL(link, app.origin).searchParams.get("token")!;

    const mismatch = await app.fetch("/reset-password", {
      ...form({ token, password: "brand new passphrase", confirm: "other" }),
      remoteAddr: ip,
    });
    assert.equal(mismatch.status, 422);
    const done = await app.fetch("/reset-password", {
      ...form({ token, password: "brand new passphrase", confirm: "brand new passphrase" }),
      remoteAddr: ip,
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get("location"), "/login?notice=reset");
    // The signed-in browser was logged out; the token is spent.
    assert.equal((await client.fetch("/account")).status, 303);
    const reused = await app.fetch("/reset-password", {
      ...form({ token, password: "third new passphrase", confirm: "third new passphrase" }),
      remoteAddr: ip,
    });
    assert.equal(reused.status, 400);
    assert.match(await reused.text(), /expired/);

    const login = await app.client().fetch("/login", {
      ...form({ email, password: "brand new passphrase" }),
      remoteAddr: ip,
    });
    assert.equal(login.status, 303);
    assert.ok((await authEvents(email.toLowerCase())).some((e) => e.action === "password_reset"));
  } finally {
    await app.close();
  }
});

Deno.test("password reset: an expired link is refused", async () => {
  const app = await testApp();
  try {
    const { email } = await signUp(app);
    await app.fetch("/forgot-password", { ...form({ email }), remoteAddr: freshIp() });
    const link = await linkIn(email);
    await sql`update user_tokens set expires_at = now() - interval '1 minute' where purpose = 'reset_password'`
      .execute(services().db);
    assert.match(await (await app.fetch(link)).text(), /This link has expired/);
    const token = new URL(link, app.origin).searchParams.get("token")!;
    const res = await app.fetch("/reset-password", {
      ...form({ token, password: "brand new passphrase", confirm: "brand new passphrase" }),
      remoteAddr: freshIp(),
    });
    assert.equal(res.status, 400);
    await res.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("account: change password after re-entering the current one; other sessions end, this one stays", async () => {
  const app = await testApp();
  try {
    const { client, email } = await signUp(app);
    const other = app.client();
    await other.fetch("/login", { ...form({ email, password: PASSWORD }), remoteAddr: freshIp() });
    assert.equal((await other.fetch("/account")).status, 200);

    const wrong = await client.fetch(
      "/account/password",
      form({ current: "not it at all", password: "fresh passphrase 2" }),
    );
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /Incorrect password/);
    const ok = await client.fetch("/account/password", form({ current: PASSWORD, password: "fresh passphrase 2" }));
    assert.equal(ok.status, 303);
    assert.equal((await client.fetch("/account")).status, 200);
    assert.equal((await other.fetch("/account")).status, 303);
    assert.match((await emailsTo(email))[0].subject, /password was changed/);
  } finally {
    await app.close();
  }
});

Deno.test("account: change email by a link sent to the new address", async () => {
  const app = await testApp();
  try {
    const { client, email } = await signUp(app);
    const newEmail = freshEmail("new");
    const wrong = await client.fetch("/account/email", form({ email: newEmail, password: "not it at all" }));
    assert.equal(wrong.status, 422);
    await wrong.body?.cancel();
    const ok = await client.fetch("/account/email", form({ email: newEmail, password: PASSWORD }));
    assert.equal(ok.status, 303);
    const link = await linkIn(newEmail);
    assert.match(link, /^\/account\/email\/confirm\?token=/);
    const confirmed = await client.fetch(link);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get("location"), "/account?notice=email-changed");
    assert.match((await emailsTo(email))[0].subject, /sign-in email was changed/);
    const login = await app.client().fetch("/login", {
      ...form({ email: newEmail, password: PASSWORD }),
      remoteAddr: freshIp(),
    });
    assert.equal(login.status, 303);
    assert.equal((await client.fetch(link)).status, 400);

    // An address that has an account is not revealed: the same answer, and a note to that address.
    const { email: taken } = await signUp(app);
    const again = await client.fetch("/account/email", form({ email: taken, password: PASSWORD }));
    assert.equal(again.status, 303);
    assert.match((await emailsTo(taken))[0].subject, /tried to move/);
  } finally {
    await app.close();
  }
});

Deno.test("account: lists sessions and ends one or all the others", async () => {
  const app = await testApp();
  try {
    const { client, email } = await signUp(app);
    const phone = app.client();
    const laptop = app.client();
    for (const c of [phone, laptop]) {
      await c.fetch("/login", { ...form({ email, password: PASSWORD }), remoteAddr: freshIp(), headers: {} });
    }
    const page = await (await client.fetch("/account")).text();
    const ids = [...page.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    assert.match(page, /This session/);

    const one = await client.fetch("/account/sessions", form({ session: ids[0] }));
    assert.equal(one.status, 303);
    const alive = [await phone.fetch("/account"), await laptop.fetch("/account")].map((r) => r.status);
    assert.deepEqual(alive.sort(), [200, 303]);

    await client.fetch("/account/sessions", form({ others: "1" }));
    assert.equal((await phone.fetch("/account")).status, 303);
    assert.equal((await laptop.fetch("/account")).status, 303);
    assert.equal((await client.fetch("/account")).status, 200);
  } finally {
    await app.close();
  }
});
