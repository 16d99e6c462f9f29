/**
 * Brute-force limits on the account endpoints, per client IP and per account (email address or
 * user id): whichever runs out first answers 429.
 */
import { limit, type Rule } from "../ratelimit/mod.ts";

type Action = "login" | "signup" | "reset" | "verify" | "invite" | "accept" | "reauth";

const RULES: Record<Action, { ip: Rule; account: Rule }> = {
  login: { ip: { requests: 30, windowSeconds: 600 }, account: { requests: 10, windowSeconds: 900 } },
  signup: { ip: { requests: 10, windowSeconds: 3600 }, account: { requests: 3, windowSeconds: 3600 } },
  reset: { ip: { requests: 10, windowSeconds: 3600 }, account: { requests: 3, windowSeconds: 3600 } },
  verify: { ip: { requests: 10, windowSeconds: 3600 }, account: { requests: 3, windowSeconds: 3600 } },
  invite: { ip: { requests: 60, windowSeconds: 3600 }, account: { requests: 30, windowSeconds: 3600 } },
  accept: { ip: { requests: 20, windowSeconds: 600 }, account: { requests: 10, windowSeconds: 600 } },
  reauth: { ip: { requests: 30, windowSeconds: 600 }, account: { requests: 10, windowSeconds: 900 } },
};

/** 0 when the attempt may go ahead, else the seconds to wait. */
export async function attemptLimit(action: Action, who: { ip: string; account?: string }): Promise<number> {
  const rules = RULES[action];
  const byIp = await limit(`auth:${action}:ip`, who.ip, rules.ip);
  if (!byIp.success) return byIp.retryAfterSeconds;
  if (!who.account) return 0;
  const byAccount = await limit(
    `auth:${action}:account`,
    who.account.trim().toLowerCase().slice(0, 254),
    rules.account,
  );
  return byAccount.success ? 0 : byAccount.retryAfterSeconds;
}
