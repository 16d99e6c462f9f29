/**
 * Where outgoing requests (webhooks, Slack) may go. In production: https only, and every address the host
 * resolves to must be public (no private, loopback, link-local, shared, multicast or cloud-metadata range).
 * Outside production, plain http and loopback are allowed too, so a receiver on this machine works.
 * Checked when a URL is saved and again right before each request (DNS may have changed since).
 */
export class DestinationRefused extends Error {}

export interface DestinationRules {
  production: boolean;
}

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata (169.254.169.254)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 3], // multicast and reserved, up to the broadcast address
];

function v4Number(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const isV4Loopback = (n: number) => n >>> 24 === 127;

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function v6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = v4Number(v4[1]);
    if (n === null) return null;
    text = text.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(fill, 0)).fill("0"), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

type Verdict = "public" | "loopback" | "blocked";

function classify(ip: string): Verdict {
  const n = v4Number(ip);
  if (n !== null) return isV4Loopback(n) ? "loopback" : v4Blocked(n) ? "blocked" : "public";
  const g = v6Groups(ip);
  if (!g) return "blocked";
  if (g.slice(0, 7).every((x) => x === 0)) return g[7] === 1 ? "loopback" : "blocked"; // ::1, ::
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return classify(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "blocked"; // unique local (and AWS's fd00:ec2::254)
  if ((g[0] & 0xffc0) === 0xfe80) return "blocked"; // link-local
  if ((g[0] & 0xff00) === 0xff00) return "blocked"; // multicast
  if (g[0] === 0x64 && g[1] === 0xff9b) return "blocked"; // NAT64 onto any IPv4
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "blocked"; // documentation
  return "public";
}

/** Syntax and scheme only (what a form can check without the network): a message, or null when fine. */
export function urlProblem(raw: string, rules: DestinationRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, starting with https://";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && !rules.production)) {
    return "The URL must start with https://";
  }
  if (url.username || url.password) return "The URL must not contain a user name or password";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = v4Number(host) !== null || host.includes(":");
  if (literal && classify(host) === "blocked") return "This address is private: use a public one";
  if (rules.production && (isLocalName(host) || (literal && classify(host) !== "public"))) {
    return "This address is private: use a public one";
  }
  return null;
}

const isLocalName = (host: string) => host === "localhost" || host.endsWith(".localhost");

async function addresses(host: string): Promise<string[]> {
  if (v4Number(host) !== null || host.includes(":")) return [host];
  if (isLocalName(host)) return ["127.0.0.1"];
  const found = await Promise.all(
    (["A", "AAAA"] as const).map((kind) => Deno.resolveDns(host, kind).catch(() => [] as string[])),
  );
  return found.flat();
}

/** Throws DestinationRefused unless a request to `raw` may go out now (resolving its host). */
export async function checkDestination(raw: string, rules: DestinationRules): Promise<void> {
  const problem = urlProblem(raw, rules);
  if (problem) throw new DestinationRefused(problem);
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  const ips = await addresses(host);
  if (!ips.length) throw new DestinationRefused(`${host} does not resolve`);
  for (const ip of ips) {
    const verdict = classify(ip);
    if (verdict === "blocked" || (verdict === "loopback" && rules.production)) {
      throw new DestinationRefused(`${host} resolves to a private address (${ip})`);
    }
  }
}
