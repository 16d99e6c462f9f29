/** A one-line progress bar with rows/s on a terminal; a line every few seconds otherwise (logs, CI). */
export interface Progress {
  add(label: string, rows: number): void;
  finish(): void;
}

export function progressBar(total: number, out: { writeSync(b: Uint8Array): number } = Deno.stderr): Progress {
  const tty = Deno.stderr.isTerminal();
  const started = performance.now();
  const encoder = new TextEncoder();
  let done = 0;
  let last = 0;
  const line = (label: string) => {
    const seconds = (performance.now() - started) / 1000;
    const share = Math.min(1, done / Math.max(1, total));
    const bar = "#".repeat(Math.round(share * 30)).padEnd(30, ".");
    const rate = Math.round(done / Math.max(seconds, 1e-3)).toLocaleString("en-US");
    return `[${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en-US")} rows ` +
      `${rate} rows/s ${label}`;
  };
  return {
    add(label, rows) {
      done += rows;
      const now = performance.now();
      if (now - last < (tty ? 100 : 5000)) return;
      last = now;
      out.writeSync(encoder.encode(tty ? `\r${line(label).padEnd(100)}` : `${line(label)}\n`));
    },
    finish() {
      out.writeSync(encoder.encode(tty ? `\r${line("done").padEnd(100)}\n` : `${line("done")}\n`));
    },
  };
}
