/** A throwaway Postgres cluster the drills may stop, start and restart (as the postgres user when run as root). */
import { freePort } from "../tests/helpers/services.ts";

export interface Cluster {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  const versions = [...Deno.readDirSync("/usr/lib/postgresql")].map((e) => e.name).sort((a, b) =>
    Number(a) - Number(b)
  );
  if (!versions.length) {
    throw new Error("no Postgres server binaries in /usr/lib/postgresql (apt-get install postgresql)");
  }
  return `/usr/lib/postgresql/${versions.at(-1)}/bin`;
}

/** Runs a server binary, as postgres when this process is root (initdb and postgres refuse root). */
async function pg(args: string[]) {
  const [cmd, ...rest] = Deno.uid() === 0 ? ["runuser", "-u", "postgres", "--", ...args] : args;
  const { code, stderr } = await new Deno.Command(cmd, { args: rest, stdout: "null", stderr: "piped" }).output();
  if (code !== 0) throw new Error(`${args.join(" ")} failed: ${new TextDecoder().decode(stderr)}`);
}

export async function createCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = await Deno.makeTempDir({ prefix: "nexacrm-drill-pg-" });
  if (Deno.uid() === 0) {
    const { stdout } = await new Deno.Command("id", { args: ["-u", "postgres"] }).output();
    await Deno.chown(dir, Number(new TextDecoder().decode(stdout)), null);
  }
  const port = freePort();
  await pg([`${bin}/initdb`, "-D", `${dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const ctl = (...args: string[]) =>
    pg([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-l", `${dir}/server.log`, "-w", ...args]);
  const options = ["-o", `-h 127.0.0.1 -p ${port} -k ${dir}`];
  let running = false;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await ctl(...options, "start");
      running = true;
    },
    stop: async () => {
      await ctl("-m", "fast", "stop");
      running = false;
    },
    restart: () => ctl(...options, "-m", "fast", "restart"),
    destroy: async () => {
      if (running) await cluster.stop().catch(() => {});
      await Deno.remove(dir, { recursive: true });
    },
  };
  await cluster.start();
  return cluster;
}
