import assert from "node:assert/strict";
import { SESSION_COOKIE } from "@/lib/auth/session.ts";
import { services } from "@/lib/data/services.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { authEvents, emailsTo, freshEmail, freshIp, linkIn, signUpAndConfirm } from "../helpers/auth.ts";

const PASSWORD = "a long enough passphrase";

function cookieOf(res: Response): string | null {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? cookie.split(";")[0].split("=")[1] : null;
}

Deno.test("sign up: no session yet; the mailed link confirms the address and signs in the browser that signed up, once", async () => {
  const app = await testApp();
  try {
    const client = app.client();
    const email = freshEmail("Ada");
    const res = await client.fetch("/signup", {
      ...form({ name: "Ada", email, password: PASSWORD, next: "/app?from=signup" }),
      remoteAddr: freshIp(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/verify?next=%2Fapp%3Ffrom%3Dsignup");
    assert.equal(cookieOf(res), null);
    const [pending] = res.headers.getSetCookie();
    assert.match(pending, /^__Host-nexa_signup=[\w-]{22}; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=\d+$/);
    const inbox = await client.fetch(res.headers.get("location")!);
    assert.match(await inbox.text(), /Check your inbox/);
    assert.equal((await client.fetch("/app")).status, 303);

    const link = await linkIn(email);
    assert.match(link, /^\/verify\?token=[\w-]+&next=%2Fapp%3Ffrom%3Dsignup$/);
    const verified = await client.fetch(link);
    assert.equal(verified.status, 200);
    const session = verified.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE))!;
    assert.match(session, /HttpOnly; Secure; SameSite=Lax/);
    assert.ok(verified.headers.getSetCookie().some((c) => /^__Host-nexa_signup=;.*Max-Age=0/.test(c)));
    const html = await verified.text();
    assert.match(html, /Email confirmed/);
    assert.match(html, /href="\/app\?from=signup"/);
    const user = await services().db.selectFrom("users").select("email_verified_at")
      .where("email", "=", email.toLowerCase()).executeTakeFirstOrThrow();
    assert.ok(user.email_verified_at);

    const picker = await client.fetch("/app");
    assert.equal(picker.status, 200);
    assert.match(await picker.text(), /Create your organisation/);
    const again = await client.fetch(link);
    assert.match(await again.text(), /This link has expired/);

    // Creating the first org leads into it.
    const created = await client.fetch("/app", form({ name: "Ada's Firm", slug: "" }));
    assert.equal(created.status, 303);
    assert.equal(created.headers.get("location"), "/app/ada-s-firm");
    assert.equal((await client.fetch("/app/ada-s-firm")).status, 200);
  } finally {
    await app.close();
  }
});

Deno.test("sign up: an address with an account gets the same answer and cookie shape, no session, and an email", async () => {
  const app = await testApp();
  try {
    const email = freshEmail();
    const answer = async (res: Response) => ({
      status: res.status,
      location: res.headers.get("location"),
      cookies: res.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, "=X")),
      page: (await (await app.client().fetch(res.headers.get("location")!)).text()).replace(/nonce="[^"]*"/g, ""),
    });
    const newcomer = app.client();
    const first = await newcomer.fetch("/signup", {
      ...form({ name: "A", email, password: PASSWORD }),
      remoteAddr: freshIp(),
    });
    const second = await app.client().fetch("/signup", {
      ...form({ name: "B", email: email.toUpperCase(), password: "another good passphrase" }),
      remoteAddr: freshIp(),
    });
    assert.deepEqual(await answer(second), await answer(first));
    assert.equal(cookieOf(first), null);
    const mails = await emailsTo(email);
    assert.equal(mails.length, 2);
    assert.match(mails[0].subject, /tried to sign up/);
    assert.match(mails[0].text_body, /http:\/\/localhost:8000\/login/);

    // The confirmation link opened in another browser confirms the address but signs nobody in there.
    const link = mails[1].text_body.match(/http:\/\/\S+/)![0];
    const elsewhere = await app.client().fetch(link);
    assert.match(await elsewhere.text(), /Email confirmed/);
    assert.equal(cookieOf(elsewhere), null);
    assert.equal((await newcomer.fetch("/app")).status, 303);
  } finally {
    await app.close();
  }
});

Deno.test("sign up: weak input is refused field by field", async () => {
  const app = await testApp();
  try {
    const ip = freshIp();
    const common = await app.fetch("/signup", {
      ...form({ name: "C", email: freshEmail(), password: "password1" }),
      remoteAddr: ip,
    });
    assert.equal(common.status, 422);
    assert.match(await common.text(), /too common/);
    const short = await app.fetch("/signup", {
      ...form({ name: "C", email: freshEmail(), password: "x7#k" }),
      remoteAddr: ip,
    });
    assert.match(await short.text(), /At least 8 characters/);
    const badEmail = await app.fetch("/signup", {
      ...form({ name: "C", email: "nope", password: PASSWORD }),
      remoteAddr: ip,
    });
    assert.match(await badEmail.text(), /Enter a valid email address/);
    assert.equal(await services().db.selectFrom("users").select("id").executeTakeFirst(), undefined);
  } finally {
    await app.close();
  }
});

Deno.test("log in: rotates the session, follows a safe next, and says the same for unknown users and wrong passwords", async () => {
  const app = await testApp();
  try {
    const email = freshEmail();
    const client = app.client();
    await (await client.fetch("/signup", { ...form({ name: "D", email, password: PASSWORD }), remoteAddr: freshIp() }))
      .body?.cancel();
    const ip = freshIp();
    const first = await client.fetch("/login", { ...form({ email, password: PASSWORD }), remoteAddr: ip });
    const before = cookieOf(first)!;

    const wrong = await app.client().fetch("/login", {
      ...form({ email, password: "wrong password!" }),
      remoteAddr: ip,
    });
    const unknown = await app.client().fetch("/login", {
      ...form({ email: freshEmail(), password: "wrong password!" }),
      remoteAddr: ip,
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const strip = (s: string) => s.replace(/nonce="[^"]*"|value="[^"]*"/g, "");
    assert.equal(strip(await wrong.text()), strip(await unknown.text()));

    const ok = await client.fetch("/login", {
      ...form({ email, password: PASSWORD, next: "/account" }),
      remoteAddr: ip,
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/account");
    const after = cookieOf(ok)!;
    assert.notEqual(after, before);
    // The old session token no longer works.
    const old = await app.client().fetch("/account", { headers: { cookie: `${SESSION_COOKIE}=${before}` } });
    assert.equal(old.status, 303);
    assert.equal((await client.fetch("/account")).status, 200);

    const offsite = await app.client().fetch("/login", {
      ...form({ email, password: PASSWORD, next: "//evil.example" }),
      remoteAddr: ip,
    });
    assert.equal(offsite.headers.get("location"), "/app");

    const events = (await authEvents(email.toLowerCase())).map((e) => e.action);
    assert.deepEqual(events, ["signup", "login", "login_failed", "login", "login"]);
  } finally {
    await app.close();
  }
});

Deno.test("log out: only by POST; ends the session", async () => {
  const app = await testApp();
  try {
    const client = app.client();
    await signUpAndConfirm(client, { name: "E", email: freshEmail(), password: PASSWORD });
    const get = await client.fetch("/logout");
    assert.equal(get.status, 405);
    await get.body?.cancel();
    const out = await client.fetch("/logout", form({}));
    assert.equal(out.status, 303);
    assert.match(out.headers.getSetCookie().join(), /Max-Age=0/);
    assert.equal(await services().db.selectFrom("sessions").select("user_id").executeTakeFirst(), undefined);
    const app404 = await client.fetch("/app");
    assert.equal(app404.status, 303);
    assert.equal(app404.headers.get("location"), "/login?next=/app");
  } finally {
    await app.close();
  }
});

Deno.test("rate limits: log-in attempts per account and per IP, and sign-ups per IP, answer 429 with Retry-After", async () => {
  const app = await testApp();
  try {
    const email = freshEmail();
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) {
      res = await app.fetch("/login", { ...form({ email, password: "wrong password!" }), remoteAddr: freshIp() });
      if (i < 10) await res.body?.cancel();
    }
    assert.equal(res!.status, 429);
    assert.ok(Number(res!.headers.get("retry-after")) > 0);
    await res!.body?.cancel();

    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      await (await app.fetch("/login", { ...form({ email: freshEmail(), password: "x" }), remoteAddr: ip })).body
        ?.cancel();
    }
    const byIp = await app.fetch("/login", { ...form({ email: freshEmail(), password: "x" }), remoteAddr: ip });
    assert.equal(byIp.status, 429);
    await byIp.body?.cancel();

    const signupIp = freshIp();
    for (let i = 0; i < 10; i++) {
      await (await app.fetch("/signup", { ...form({ name: "F", email: "bad" }), remoteAddr: signupIp })).body?.cancel();
    }
    const signup = await app.fetch("/signup", { ...form({ name: "F", email: "bad" }), remoteAddr: signupIp });
    assert.equal(signup.status, 429);
    assert.ok(signup.headers.get("retry-after"));
    await signup.body?.cancel();
  } finally {
    await app.close();
  }
});
