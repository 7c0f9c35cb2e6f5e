import { createWriteStream, type WriteStream } from "node:fs";
import type { Readable } from "node:stream";

export interface TextRedactor {
  text(s: string): string;
}

/** Writes a child's output line by line, redacted, to a file; keeps a redacted tail in memory. */
export class LogSink {
  private readonly out: WriteStream;
  private readonly lines: string[] = [];
  private readonly redactor: TextRedactor;
  private readonly tailSize: number;
  private readonly listeners: Array<(line: string) => void> = [];

  constructor(file: string, redactor: TextRedactor, tailSize = 40) {
    this.out = createWriteStream(file, { flags: "a", mode: 0o600 });
    this.redactor = redactor;
    this.tailSize = tailSize;
  }

  attach(stream: Readable | null | undefined, label: string): void {
    if (!stream) return;
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      pending += chunk;
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      for (const p of parts) this.line(label, p);
    });
    stream.on("end", () => {
      if (pending) this.line(label, pending);
      pending = "";
    });
  }

  onLine(listener: (line: string) => void): void {
    this.listeners.push(listener);
  }

  private line(label: string, raw: string): void {
    const clean = this.redactor.text(raw);
    const line = `[${label}] ${clean}`;
    this.out.write(`${line}\n`);
    this.lines.push(line);
    if (this.lines.length > this.tailSize) this.lines.shift();
    for (const l of this.listeners) l(clean);
  }

  tail(n = 20): string {
    return this.lines.slice(-n).join("\n");
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
