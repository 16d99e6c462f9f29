/** The emails the app sends, as plain text with the links a person follows. */
import { services } from "../data/services.ts";

export interface Message {
  subject: string;
  text: string;
}

export function appUrl(path: string): string {
  return new URL(path, services().config.APP_URL).toString();
}

const sign = "\n\n— NexaCRM";

export const messages = {
  verifyEmail: (name: string, link: string): Message => ({
    subject: "Confirm your email address",
    text:
      `Hi ${name},\n\nConfirm your email address for NexaCRM by opening this link (valid for 48 hours):\n\n${link}` +
      `\n\nIf you did not sign up, ignore this email.${sign}`,
  }),
  accountExists: (link: string): Message => ({
    subject: "Someone tried to sign up with your email address",
    text: `Someone (perhaps you) tried to create a NexaCRM account with this email address, which already has one.` +
      `\n\nTo get back in, log in or reset your password:\n\n${link}\n\nIf this was not you, ignore this email.${sign}`,
  }),
  resetPassword: (name: string, link: string): Message => ({
    subject: "Reset your NexaCRM password",
    text: `Hi ${name},\n\nOpen this link to choose a new password (valid for one hour, once):\n\n${link}` +
      `\n\nIf you did not ask for this, ignore this email: your password stays as it is.${sign}`,
  }),
  passwordChanged: (name: string): Message => ({
    subject: "Your NexaCRM password was changed",
    text: `Hi ${name},\n\nThe password of your NexaCRM account was just changed, and your other sessions were ended.` +
      `\n\nIf this was not you, reset your password now: ${appUrl("/forgot-password")}${sign}`,
  }),
  confirmNewEmail: (name: string, link: string): Message => ({
    subject: "Confirm your new email address",
    text: `Hi ${name},\n\nOpen this link to make this your NexaCRM sign-in address (valid for 24 hours):\n\n${link}` +
      `\n\nIf you did not ask for this, ignore this email.${sign}`,
  }),
  newEmailTaken: (): Message => ({
    subject: "Someone tried to move a NexaCRM account to this address",
    text: `Someone asked to move their NexaCRM account to this email address, which already has an account,` +
      ` so nothing was changed.${sign}`,
  }),
  emailChanged: (name: string, newEmail: string): Message => ({
    subject: "Your NexaCRM sign-in email was changed",
    text: `Hi ${name},\n\nYour NexaCRM account now signs in with ${newEmail}.` +
      `\n\nIf this was not you, contact your workspace owner at once.${sign}`,
  }),
  invitation: (inviter: string, org: string, role: string, link: string): Message => ({
    subject: `${inviter} invited you to ${org} on NexaCRM`,
    text: `${inviter} invited you to join ${org} on NexaCRM as ${role.toLowerCase()}.` +
      `\n\nAccept the invitation (valid for 7 days, once):\n\n${link}${sign}`,
  }),
};
