/**
 * Invitations by email: a single-use token that expires after 7 days and carries a role. The
 * link names the org (`/invite/<slug>/<token>`), so the invitation is found within its tenant.
 */
import { sql } from "kysely";
import * as z from "zod";
import type { Role } from "@/db/schema.ts";
import { audit } from "../audit/log.ts";
import { assertCanAddSeat } from "../billing/limits.ts";
import { syncSeats } from "../billing/subscription.ts";
import { requirePermission } from "../auth/permissions.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { appUrl, messages } from "../email/messages.ts";
import { queueEmail } from "../email/jobs.ts";
import type { EmailMessage } from "../email/send.ts";
import { notFound } from "../fresh/errors.ts";
import { email } from "../http/forms.ts";
import { services } from "../data/services.ts";
import { type Actor, MemberRuleError } from "./members.ts";
import { type OrgScope, type TenantContext, withOrg } from "../data/scope.ts";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const NewInvitation = z.object({
  email: email(),
  role: z.enum(["MEMBER", "ADMIN", "OWNER"], "Choose a role"),
});

export function invitationLink(slug: string, token: string): string {
  return appUrl(`/invite/${slug}/${encodeURIComponent(token)}`);
}

/**
 * Invites `email` with `role`; the link is mailed once the invitation is committed. Inviting the
 * same address again replaces the earlier invitation. Only owners invite owners.
 */
export async function inviteMember(
  tenant: TenantContext,
  actor: Actor & { name: string },
  org: { name: string; slug: string },
  input: { email: string; role: Role },
): Promise<void> {
  await withOrg(tenant, (q) => createInvitation(q, actor, org, input));
}

/** Records the invitation and queues the email that carries its link; returns that email. */
export async function createInvitation(
  q: OrgScope,
  actor: Actor & { name: string },
  org: { name: string; slug: string },
  input: { email: string; role: Role },
): Promise<EmailMessage> {
  requirePermission(actor.role, input.role === "OWNER" ? "members.grant_owner" : "members.manage");
  await assertCanAddSeat(q);
  const member = await q.selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where(sql<boolean>`lower(users.email) = ${input.email.toLowerCase()}`)
    .executeTakeFirst();
  if (member) throw new MemberRuleError("This person is already a member.");
  await pending(q.updateTable("invitations").set({ revoked_at: new Date() }))
    .where(sql<boolean>`lower(email) = ${input.email.toLowerCase()}`)
    .execute();
  const token = newToken();
  await q.insertInto("invitations", {
    email: input.email,
    role: input.role,
    token_hash: await hashToken(token),
    invited_by: actor.id,
    expires_at: new Date(Date.now() + INVITATION_TTL_MS),
  }).execute();
  await audit(q, {
    actorId: actor.id,
    action: "invitation.created",
    target: input.email,
    detail: { role: input.role },
    ip: actor.ip,
  });
  const message = {
    to: input.email,
    ...messages.invitation(actor.name, org.name, input.role, invitationLink(org.slug, token)),
  };
  await queueEmail(q, message);
  return message;
}

// deno-lint-ignore no-explicit-any
function pending<QB extends { where: (...args: any[]) => QB }>(qb: QB): QB {
  return qb.where("accepted_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", new Date());
}

export async function listPendingInvitations(q: OrgScope) {
  return await pending(
    q.selectFrom("invitations")
      .leftJoin("users", "users.id", "invitations.invited_by")
      .select([
        "invitations.id",
        "invitations.email",
        "invitations.role",
        "invitations.created_at",
        "invitations.expires_at",
        "users.name as invitedBy",
      ]),
  ).orderBy("invitations.created_at", "desc").execute();
}

export async function revokeInvitation(q: OrgScope, actor: Actor, id: string): Promise<void> {
  requirePermission(actor.role, "members.manage");
  const revoked = await pending(q.updateTable("invitations").set({ revoked_at: new Date() }))
    .where("id", "=", id)
    .returning(["email", "role"])
    .executeTakeFirst();
  if (!revoked) throw notFound();
  await audit(q, {
    actorId: actor.id,
    action: "invitation.revoked",
    target: revoked.email,
    detail: { role: revoked.role },
    ip: actor.ip,
  });
}

async function orgBySlug(slug: string) {
  return await services().db.selectFrom("orgs").select(["id", "name", "slug"])
    .where("slug", "=", slug.toLowerCase().slice(0, 64))
    .executeTakeFirst();
}

/** The pending invitation behind a link, with its org and inviter, or null. */
export async function findInvitation(slug: string, token: string) {
  if (!token || token.length > 64) return null;
  const org = await orgBySlug(slug);
  if (!org) return null;
  const hash = await hashToken(token);
  const invitation = await withOrg({ orgId: org.id }, (q) =>
    pending(
      q.selectFrom("invitations")
        .leftJoin("users", "users.id", "invitations.invited_by")
        .select(["invitations.email", "invitations.role", "users.name as invitedBy"]),
    ).where("invitations.token_hash", "=", hash).executeTakeFirst());
  return invitation ? { org, invitation } : null;
}

/** An invitation just accepted: who sent it, who joined. */
export interface AcceptedInvitation {
  invitedBy: string | null;
  userId: string;
  name: string;
  role: Role;
}

/** Reacts inside the transaction that makes the new member (as record event listeners do): only enqueues. */
export type InvitationListener = (q: OrgScope, accepted: AcceptedInvitation) => Promise<void>;

const acceptedListeners: InvitationListener[] = [];

export function onInvitationAccepted(listener: InvitationListener): void {
  acceptedListeners.push(listener);
}

/**
 * Uses the invitation up and makes `user` a member with its role (an existing member keeps their
 * role). Returns the org's slug, or null when the link is unknown, used, revoked or expired.
 */
export async function acceptInvitation(
  slug: string,
  token: string,
  user: { id: string; email: string; name: string },
  ip = "",
): Promise<string | null> {
  if (!token || token.length > 64) return null;
  const org = await orgBySlug(slug);
  if (!org) return null;
  const hash = await hashToken(token);
  const joinedSlug = await withOrg({ orgId: org.id, userId: user.id }, async (q) => {
    const invitation = await pending(q.updateTable("invitations").set({ accepted_at: new Date() }))
      .where("token_hash", "=", hash)
      .returning(["email", "role", "invited_by"])
      .executeTakeFirst();
    if (!invitation) return null;
    await assertCanAddSeat(q, { accepting: true });
    const joined = await q.insertInto("memberships", { user_id: user.id, role: invitation.role, team: null })
      .onConflict((oc) => oc.columns(["org_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(joined.numInsertedOrUpdatedRows ?? 0) > 0) {
      await audit(q, {
        actorId: user.id,
        action: "member.joined",
        target: user.email,
        detail: { role: invitation.role, invitedAs: invitation.email },
        ip,
      });
      const accepted = { invitedBy: invitation.invited_by, userId: user.id, name: user.name, role: invitation.role };
      for (const listener of acceptedListeners) await listener(q, accepted);
    }
    return org.slug;
  });
  if (joinedSlug) await syncSeats(org.id);
  return joinedSlug;
}
