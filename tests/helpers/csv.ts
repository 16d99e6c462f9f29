/** Parses the simple CSV our exports write (quoted fields, doubled quotes, no newlines in values). */
export function csvRows(csv: string): string[][] {
  return csv.trimEnd().split("\n").map((line) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map(([, v]) =>
      v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v
    )
  );
}
