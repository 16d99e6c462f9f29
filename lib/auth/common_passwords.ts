/**
 * Refusal of common passwords: the ~49,000 most common ones from zxcvbn-ts's maintained list
 * (compared case-insensitively, after the same NFKC normalisation as hashing).
 */
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.normalize("NFKC").toLowerCase());
}
