/** A user's channel per notification type in an org: their choice, else the type's default for their role. */
import * as z from "zod";
import type { Role } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import { type Channel, channelsOf, NOTIFICATION_TYPES, type NotificationTypeId, TYPE_IDS } from "./types.ts";

export type Preferences = Record<NotificationTypeId, Channel>;

export async function preferencesOf(q: OrgScope, userId: string, role: Role): Promise<Preferences> {
  const rows = await q.selectFrom("notification_preferences").select(["type", "channel"])
    .where("user_id", "=", userId).execute();
  const chosen = new Map(rows.map((r) => [r.type, r.channel]));
  return Object.fromEntries(TYPE_IDS.map((type) => {
    const choice = chosen.get(type);
    const channel = choice && channelsOf(type).includes(choice) ? choice : NOTIFICATION_TYPES[type].defaults[role];
    return [type, channel];
  })) as Preferences;
}

/** Saves the choices, each where its type offers it (the digest has no in-app channel). */
export async function setPreferences(q: OrgScope, userId: string, choices: Partial<Preferences>): Promise<void> {
  for (const type of TYPE_IDS) {
    const channel = choices[type];
    if (!channel || !channelsOf(type).includes(channel)) continue;
    await q.insertInto("notification_preferences", { user_id: userId, type, channel })
      .onConflict((oc) => oc.columns(["org_id", "user_id", "type"]).doUpdateSet({ channel }))
      .execute();
  }
}

/** One type's emails off, keeping the in-app part where the type had one (the unsubscribe link). */
export async function stopEmails(q: OrgScope, userId: string, role: Role, type: NotificationTypeId): Promise<void> {
  const current = (await preferencesOf(q, userId, role))[type];
  const next: Channel = current === "both" ? "in_app" : current === "email" ? "off" : current;
  await setPreferences(q, userId, { [type]: next });
}

/** The preferences form: a channel per type, each one its type offers. */
export const PreferencesInput = z.object(
  Object.fromEntries(TYPE_IDS.map((type) => [
    type,
    z.enum(channelsOf(type) as [Channel, ...Channel[]], { message: "Choose one of the options" }).optional(),
  ])),
) as z.ZodType<Partial<Preferences>>;
