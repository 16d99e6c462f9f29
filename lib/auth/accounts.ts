/** User accounts: creation and credential checks. Flows (verification, reset) build on these. */
import { type Kysely, sql } from "kysely";
import type { DB } from "@/db/schema.ts";
import * as z from "zod";
import { services } from "../data/services.ts";
import { dummyHash, hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from "./password.ts";
import { email, text } from "../http/forms.ts";
import { isCommonPassword } from "./common_passwords.ts";

export const passwordField = () =>
  z.string()
    .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`)
    .refine((p) => !isCommonPassword(p), "This password is too common; choose one that is harder to guess");

export const NewAccount = z.object({
  name: text(100),
  email: email(),
  password: passwordField(),
});
export type NewAccount = z.infer<typeof NewAccount>;

export class EmailTaken extends Error {}

/** The new user, or `EmailTaken` when the address has an account (`db`: the caller's transaction, if any). */
export async function createAccount(
  input: NewAccount,
  opts: { verified?: boolean } = {},
  db: Kysely<DB> = services().db,
) {
  const password_hash = await hashPassword(input.password);
  const row = await db.insertInto("users")
    .values({
      name: input.name,
      email: input.email,
      password_hash,
      email_verified_at: opts.verified ? new Date() : null,
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning(["id", "email", "name"])
    .executeTakeFirst();
  if (!row) throw new EmailTaken();
  return row;
}

/** The user for these credentials, or null; takes the same time whether or not the email exists. */
export async function checkCredentials(emailAddress: string, password: string) {
  const user = await services().db.selectFrom("users")
    .select(["id", "email", "name", "password_hash"])
    .where((eb) => eb(eb.fn("lower", [eb.ref("email")]), "=", emailAddress.toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? await dummyHash());
  return user && ok ? { id: user.id, email: user.email, name: user.name } : null;
}
