/** Live progress for a person: a redrawn status line on a TTY, plain timestamped lines elsewhere (CI). */
export interface Progress {
  step(label: string): StepHandle;
  info(line: string): void;
}

export interface StepHandle {
  update(detail: string): void;
  done(detail?: string): void;
  fail(detail: string): void;
  /** Ended without a verdict (skipped, not applicable, not run): neither ✓ nor ✗. */
  skip(detail: string): void;
}

export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  tty: boolean;
  quiet: boolean;
  /** Non-TTY: print every update; otherwise at most one update line per step every few seconds. */
  verbose?: boolean;
  now?: () => Date;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => new Date());
  const write = (s: string): void => {
    if (!opts.quiet) opts.stream.write(s);
  };
  const stamp = (): string => now().toISOString().slice(11, 23);
  return {
    info(line) {
      write(opts.tty ? `${line}\n` : `${stamp()} ${line}\n`);
    },
    step(label) {
      const started = Date.now();
      const secs = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
      if (!opts.tty) {
        write(`${stamp()} … ${label}\n`);
        let lastUpdate = 0;
        let ended = false;
        return {
          update: (detail) => {
            if (ended || (!opts.verbose && Date.now() - lastUpdate < 3000)) return;
            lastUpdate = Date.now();
            write(`${stamp()}   ${label}: ${detail}\n`);
          },
          done: (detail) => {
            ended = true;
            write(`${stamp()} ✓ ${label} (${secs()})${detail ? ` ${detail}` : ""}\n`);
          },
          fail: (detail) => {
            ended = true;
            write(`${stamp()} ✗ ${label} (${secs()}) ${detail}\n`);
          },
          skip: (detail) => {
            ended = true;
            write(`${stamp()} – ${label} (${secs()}) ${detail}\n`);
          },
        };
      }
      let detail = "";
      let frame = 0;
      let ended = false;
      const draw = (): void => write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${secs()}${detail ? ` · ${detail}` : ""}`);
      const timer = opts.quiet ? undefined : setInterval(draw, 100);
      timer?.unref();
      draw();
      const end = (mark: string, tail: string): void => {
        if (ended) return;
        ended = true;
        if (timer) clearInterval(timer);
        write(`\r\x1b[2K${mark} ${label} (${secs()})${tail ? ` ${tail}` : ""}\n`);
      };
      return {
        update: (d) => {
          detail = d;
        },
        done: (d) => end("✓", d ?? ""),
        fail: (d) => end("✗", d),
        skip: (d) => end("–", d),
      };
    },
  };
}
