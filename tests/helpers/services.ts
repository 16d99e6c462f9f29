/**
 * System services a test needs, started by the test itself: its own server on a free port in a
 * temporary directory, stopped afterwards. Without the binary the test is skipped with the reason
 * printed, except under `CI=true`, where CI installs the binaries and a missing one fails the test.
 */

/** A free loopback port, never 8000 (the app's default: a test on it could hide a hard-coded port). */
export function freePort(): number {
  while (true) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    listener.close();
    const { port } = listener.addr as Deno.NetAddr;
    if (port !== 8000) return port;
  }
}

function findBinary(name: string): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":").filter(Boolean)) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch { /* not in this directory */ }
  }
  return null;
}

/** For `Deno.test({ ignore })`: true (and says why) when `binary` is absent and this is not CI. */
export function skipWithout(binary: string, test: string): boolean {
  if (findBinary(binary) || Deno.env.get("CI") === "true") return false;
  console.warn(`SKIPPED "${test}": ${binary} is not installed (on Debian: apt-get install ${binary}).`);
  return true;
}

export interface Service {
  url: string;
  close(): Promise<void>;
}

async function waitForPort(port: number, child: Deno.ChildProcess, what: string): Promise<void> {
  let exited = false;
  child.status.then(() => (exited = true));
  const deadline = Date.now() + 10_000;
  while (!exited && Date.now() < deadline) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port}`);
}

/** A redis-server of the test's own (no persistence), at `url` (on `port` if given). Throws when the binary is absent. */
export async function startRedis(port = freePort()): Promise<Service> {
  const binary = findBinary("redis-server");
  if (!binary) throw new Error("redis-server is not installed, and CI=true requires every service test to run");
  const dir = await Deno.makeTempDir({ prefix: "nexacrm-redis-" });
  const child = new Deno.Command(binary, {
    args: ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const close = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already exited */ }
    await child.status;
    await Deno.remove(dir, { recursive: true });
  };
  try {
    await waitForPort(port, child, "redis-server");
  } catch (err) {
    await close();
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, close };
}
