/** Zips in tests, read with the library that writes them. */
import { strFromU8, unzipSync } from "fflate";

/** Each file of the zip as text, by name. */
export async function unzipText(res: Response): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
