/**
 * The Stripe client, from configuration: `STRIPE_SECRET_KEY` turns billing on, `STRIPE_API_BASE`
 * points it elsewhere (a local fake in tests). Without a key billing runs in local mode.
 */
import Stripe from "stripe";
import type { Config } from "../config/env.ts";
import { securityHeaders } from "../fresh/security.ts";
import { services } from "../data/services.ts";
import { BillingError } from "./errors.ts";

export { Stripe };

const clients = new WeakMap<Config, Stripe>();

function create(secretKey: string, apiBase: string | undefined): Stripe {
  const base = apiBase ? new URL(apiBase) : null;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    appInfo: { name: "NexaCRM" },
    ...(base
      ? {
        host: base.hostname,
        port: base.port || (base.protocol === "http:" ? 80 : 443),
        protocol: base.protocol === "http:" ? "http" : "https",
      }
      : {}),
  });
}

/** The client, or null in local mode. */
export function stripeClient(): Stripe | null {
  const { config } = services();
  if (!config.STRIPE_SECRET_KEY) return null;
  let client = clients.get(config);
  if (!client) clients.set(config, client = create(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE));
  return client;
}

export function requireStripe(): Stripe {
  const client = stripeClient();
  if (!client) throw new BillingError("not_configured");
  return client;
}

export const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** An id field that Stripe may return expanded. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : value?.id ?? null;
}

/** Runs a Stripe call made for a person at a form: a Stripe failure becomes a message they can act on. */
export async function forPerson<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    console.error(`billing: ${what} failed: ${err.type} ${err.message}`);
    throw new BillingError("stripe_unavailable");
  }
}

/** Which Stripe settings are present, for the billing page's local-mode explanation. */
/** Which Stripe keys are set, and whether to say how to set them (to whoever runs the app, in development only). */
export function stripeSettings() {
  const { config } = services();
  return {
    secretKey: !!config.STRIPE_SECRET_KEY,
    webhookSecret: !!config.STRIPE_WEBHOOK_SECRET,
    setupHelp: config.DENO_ENV === "development",
  };
}

/**
 * The billing page's forms answer with a redirect to Stripe's hosted pages, and browsers hold such
 * a redirect to the page's CSP `form-action`: that page sends the app's CSP widened to those origins.
 */
export function allowStripeFormTargets(res: Response, nonce: string): Response {
  const headers = new Headers();
  securityHeaders(headers, { nonce, dev: false });
  const base = services().config.STRIPE_API_BASE;
  const origins = base ? new URL(base).origin : "https://checkout.stripe.com https://billing.stripe.com";
  const csp = headers.get("content-security-policy") ?? "";
  res.headers.set("content-security-policy", csp.replace("form-action 'self'", `form-action 'self' ${origins}`));
  return res;
}
