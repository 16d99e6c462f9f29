/**
 * Export zips built by a job, on local disk under DATA_DIR/exports/<org id>/<export id>.zip: written to a
 * part file of its own and renamed when complete, so a download never reads a half-written zip, and a job run
 * again after its lease ran out (while the first run still writes) writes a whole zip of its own.
 */
import { services } from "../data/services.ts";

export function exportPath(orgId: string, id: string): string {
  return `${services().config.DATA_DIR}/exports/${orgId}/${id}.zip`;
}

/** Writes `body` to `path`; returns its size in bytes. */
export async function writeExport(path: string, body: ReadableStream<Uint8Array>): Promise<number> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const part = `${path}.${crypto.randomUUID()}.part`;
  const file = await Deno.open(part, { write: true, create: true, truncate: true });
  try {
    await body.pipeTo(file.writable);
    await Deno.rename(part, path);
  } catch (err) {
    await Deno.remove(part).catch(() => {});
    throw err;
  }
  return (await Deno.stat(path)).size;
}

/** The file's bytes as a stream, or null when it is gone. */
export async function readExport(path: string): Promise<ReadableStream<Uint8Array> | null> {
  try {
    return (await Deno.open(path, { read: true })).readable;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/** Deletes the zip and any part of it a run that died left behind. */
export async function removeExport(path: string): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  const name = path.slice(dir.length + 1);
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name === name || entry.name.startsWith(`${name}.`)) await Deno.remove(`${dir}/${entry.name}`);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}
