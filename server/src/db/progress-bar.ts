/** A one-line progress bar (rows, rate, ETA) for long CLI jobs; redraws in place on a terminal. */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now) {
  const started = now();
  let lastLine = 0;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const duration = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${Math.round(s)}s`);
  return {
    update(done: number, total: number): void {
      const elapsed = Math.max((now() - started) / 1000, 0.001);
      const rate = done / elapsed;
      const eta = rate > 0 ? (total - done) / rate : 0;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${fmt(done)}/${fmt(total)} ${fmt(rate)} rows/s ETA ${duration(eta)}`;
      if (stream.isTTY) stream.write(`\r${line}`);
      // Without a terminal, \r would pile up; print a line at most every 2 s and at the end.
      else if (done === total || now() - lastLine > 2000) {
        stream.write(`${line}\n`);
        lastLine = now();
      }
      if (done === total && stream.isTTY) stream.write('\n');
    },
  };
}
