import cliProgress from 'cli-progress';

/** A progress display for long CLI work: a bar on a terminal, a line every few seconds otherwise. */
export interface Progress {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

/** Starts a progress display on stderr. */
export function startProgress(): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: '{label} [{bar}] {percentage}% {value}/{total} {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let current = '';
    return {
      update(label, done, total) {
        if (!started || label !== current) {
          if (started) bar.stop();
          bar.start(total, done, { label });
          started = true;
          current = label;
        } else bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (done === total || now - last > 2000) {
        last = now;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
