/** Configuration from environment variables, validated once at start-up. */
import * as z from "zod";

const optionalUrl = z.url().optional();
const optionalText = z.string().min(1).optional();

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  HOSTNAME: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
  DATABASE_DRIVER: z.enum(["pglite", "pg", "neon"]).optional(),
  /** Neon driver through a local WebSocket→TCP proxy (tests), e.g. `127.0.0.1:5488/v2`. */
  NEON_WS_PROXY: optionalText,
  /** The public origin for absolute links; outside production it defaults to this server's own port. */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DENO_ENV: z.enum(["development", "production", "test"]).default("development"),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: optionalUrl,
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  /** Background jobs through QStash (with both signing keys); without it, an embedded worker runs them. */
  QSTASH_TOKEN: optionalText,
  QSTASH_CURRENT_SIGNING_KEY: optionalText,
  QSTASH_NEXT_SIGNING_KEY: optionalText,
  /** QStash's API base: another region, or a local stand-in in tests. */
  QSTASH_URL: optionalUrl,
  RESEND_API_KEY: optionalText,
  EMAIL_FROM: z.string().default("NexaCRM <no-reply@nexacrm.localhost>"),
  /** Requests one process works on at once before others wait (see lib/fresh/load_limit.ts); twice the pool. */
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(20),
  /** How long a request waits for a slot before a 503. */
  QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Workspaces with more live records than this get their export built by a job and emailed, not streamed at once. */
  EXPORT_DIRECT_MAX_RECORDS: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
}).superRefine((c, ctx) => {
  if (!c.QSTASH_TOKEN) return;
  for (const key of ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"] as const) {
    if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: "required with QSTASH_TOKEN" });
  }
}).transform((c, ctx) => {
  if (c.APP_URL) return { ...c, APP_URL: c.APP_URL };
  if (c.DENO_ENV === "production") {
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message: "required in production (e.g. https://crm.example.com)",
    });
    return z.NEVER;
  }
  return { ...c, APP_URL: `http://localhost:${c.PORT}` };
});

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  return cached ??= parseConfig(Deno.env.toObject());
}
