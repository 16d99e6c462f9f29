/** Input shapes for deals: the create/edit form, board moves, outcomes and board filters. */
import * as z from "zod";
import { optionalText, text } from "../http/forms.ts";
import { moneyField, ownerField } from "../records/fields.ts";
import { fractionDigits } from "../records/money.ts";

const uuid = (message: string) => z.string().trim().pipe(z.uuid(message));
const optionalUuid = () =>
  z.string().trim().nullish().transform((v) => v || null).pipe(z.uuid("Unknown deal").nullable());

/** The deal form: `value` is typed as "1234.50" and stored as minor units of the org's currency. */
export const dealForm = (currency: string) =>
  z.object({
    title: text(200),
    value: moneyField(currency).optional().transform((v) => v ?? 0),
    expected_close_date: z.string().trim().optional()
      .transform((v) => v || null)
      .pipe(z.iso.date("Enter a date as YYYY-MM-DD").nullable()),
    stage_id: uuid("Choose a stage"),
    owner_id: ownerField().optional().transform((v) => v ?? null),
    /** A company's name and a contact's email link the deal to existing records. */
    company: optionalText(200),
    contact: optionalText(254),
  });

export type DealInput = z.infer<ReturnType<typeof dealForm>>;

/** Minor units as the plain decimal the value field shows ("1234.50"). */
export function moneyInput(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, "0");
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * A move on the board: into `stageId`, placed after the card `afterId` (the one above it) and/or
 * before the card `beforeId` (the one below it); with neither, at the top of the stage.
 */
export const moveInput = z.object({
  stageId: uuid("Choose a stage"),
  afterId: optionalUuid(),
  beforeId: optionalUuid(),
});

export type MoveInput = z.infer<typeof moveInput>;

export const outcomeInput = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("won") }),
  z.object({ outcome: z.literal("lost"), reason: text(500) }),
  z.object({ outcome: z.literal("open") }),
], { error: "Choose won, lost or open" });

export type OutcomeInput = z.infer<typeof outcomeInput>;

/** Board filters from the query string: `owner` is "me", "none" (unassigned) or a member's id; `q` words of the title. */
export const dealFilters = z.object({
  owner: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
});

export type DealFilters = z.infer<typeof dealFilters>;
