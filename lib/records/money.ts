/** Money as integer minor units of an ISO currency, shown (parsing what people type: fields.ts, moneyField). */
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
