/**
 * PGlite does not lock its data directory: two processes on one directory silently lose writes.
 * A PID file makes the second one fail with a clear message; a stale file (its process gone) is taken over.
 */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

export function lockDataDir(dir: string): () => void {
  Deno.mkdirSync(dir, { recursive: true });
  const path = `${dir}/.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      Deno.writeTextFileSync(path, String(Deno.pid), { createNew: true });
      return () => {
        try {
          if (Deno.readTextFileSync(path).trim() === String(Deno.pid)) Deno.removeSync(path);
        } catch { /* already gone */ }
      };
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
      const holder = Number(Deno.readTextFileSync(path).trim());
      if (holder && holder !== Deno.pid && alive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${holder}. ` +
            `Stop it first, or give this process another DATA_DIR.`,
        );
      }
      Deno.removeSync(path);
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`);
}
