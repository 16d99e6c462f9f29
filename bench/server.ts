/** The app as production runs it (`main.ts`), in a child process the bench starts and always stops. */
export interface Server {
  url: string;
  pid: number;
  /** Peak resident memory so far, from /proc (VmHWM), in bytes. */
  peakRss(): number;
  /** Settles when the process exits. */
  status: Promise<Deno.CommandStatus>;
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function statusKb(pid: number, field: string): number {
  try {
    const line = Deno.readTextFileSync(`/proc/${pid}/status`).split("\n").find((l) => l.startsWith(`${field}:`));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export async function startServer(env: Record<string, string>, logFile: string): Promise<Server> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log = await Deno.open(logFile, { create: true, write: true, truncate: true });
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (let chunk of stream) {
      while (chunk.length) chunk = chunk.subarray(await log.write(chunk));
    }
  };
  const drained = Promise.all([pump(child.stdout), pump(child.stderr)]).finally(() => log.close());
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  const status = child.status.finally(() => exited = true);

  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => !exited && child.kill("SIGKILL"), 15_000);
      await status;
      clearTimeout(timer);
    }
    await drained.catch(() => {});
  };

  const deadline = Date.now() + 180_000;
  while (true) {
    if (exited) {
      await stop();
      throw new Error(`The server exited during start-up; see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /healthz within 180 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid, peakRss: () => statusKb(child.pid, "VmHWM") * 1024, stop, status };
}
