/** Money as integer minor units of an ISO currency: parsing what people type and showing it back. */
import { z } from "zod";

// Building an Intl.NumberFormat costs far more than using one, and a board formats hundreds of amounts.
const formats = new Map<string, { digits: number; format: Intl.NumberFormat }>();

function currencyFormat(currency: string) {
  let f = formats.get(currency);
  if (!f) {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    f = { digits, format: new Intl.NumberFormat("en", { style: "currency", currency, minimumFractionDigits: 0 }) };
    formats.set(currency, f);
  }
  return f;
}

export function fractionDigits(currency: string): number {
  return currencyFormat(currency).digits;
}

export function formatMoney(minor: number, currency: string): string {
  const { digits, format } = currencyFormat(currency);
  return format.format(minor / 10 ** digits);
}

/** "1,250.50" → 125050 (in a 2-digit currency); "" → 0. */
export const moneyField = (currency: string) => {
  const digits = fractionDigits(currency);
  return z.string().trim().transform((v, ctx) => {
    const plain = v.replace(/[\s,]/g, "");
    if (plain === "") return 0;
    const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(plain);
    if (!m || (m[2] ?? "").length > digits) {
      ctx.addIssue({
        code: "custom",
        message: digits ? `Enter an amount like 1,250.${"0".repeat(digits)}` : "Enter a whole amount like 1,250",
      });
      return z.NEVER;
    }
    return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
  });
};
