/**
 * The kinds of notification a user chooses channels for, each with its label and its default channel per
 * role. (Security and billing emails are not among them: they always go out.) Pure and import-free (the preferences page and the islands read it too).
 */
export type Channel = "both" | "in_app" | "email" | "off";
type RoleName = "OWNER" | "ADMIN" | "MEMBER";

export interface NotificationType {
  label: string;
  /** The channel a user has until they choose one; by role. */
  defaults: Record<RoleName, Channel>;
}

const all = (channel: Channel): Record<RoleName, Channel> => ({ OWNER: channel, ADMIN: channel, MEMBER: channel });

export const NOTIFICATION_TYPES = {
  assigned: { label: "A record or task is assigned to me by someone else", defaults: all("both") },
  deal_won: {
    label: "A deal is won (mine, or any in the org for owners and admins)",
    defaults: { OWNER: "in_app", ADMIN: "in_app", MEMBER: "both" },
  },
  mention: { label: "Someone mentions me in a note or activity", defaults: all("both") },
  invitation_accepted: { label: "Someone accepts an invitation I sent", defaults: all("in_app") },
  automation: { label: "An automation rule notifies me", defaults: all("both") },
  digest: {
    label: "Daily digest email at 8:00 (tasks due, overdue, rotting deals, yesterday's wins)",
    defaults: all("email"),
  },
} as const satisfies Record<string, NotificationType>;

export type NotificationTypeId = keyof typeof NOTIFICATION_TYPES;

export const TYPE_IDS = Object.keys(NOTIFICATION_TYPES) as NotificationTypeId[];

export function isTypeId(value: string): value is NotificationTypeId {
  return Object.hasOwn(NOTIFICATION_TYPES, value);
}

export const CHANNEL_LABELS: Record<Channel, string> = {
  both: "In the app and by email",
  in_app: "In the app only",
  email: "By email only",
  off: "Off",
};

/** The channels a type offers: the digest is an email or nothing. */
export function channelsOf(type: NotificationTypeId): Channel[] {
  return type === "digest" ? ["email", "off"] : ["both", "in_app", "email", "off"];
}

export const sendsEmail = (c: Channel) => c === "both" || c === "email";
export const showsInApp = (c: Channel) => c === "both" || c === "in_app";
