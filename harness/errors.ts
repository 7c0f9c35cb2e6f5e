/** Bad input or set-up the user can fix: one line, names the fix, exit code 2, nothing started. */
export class UsageError extends Error {
  readonly fix: string;
  constructor(cause: string, fix: string) {
    super(`${cause}. ${fix}`);
    this.name = "UsageError";
    this.fix = fix;
  }
}

/** A process or socket step failed: carries which process, the command, how it ended, its log tail, what to do. */
export class StepError extends Error {
  readonly step: string;
  readonly detail: { process?: string; command?: string; exitCode?: number | null; signal?: string | null; logTail?: string; next?: string };
  constructor(step: string, message: string, detail: StepError["detail"] = {}) {
    super(`${step}: ${message}`);
    this.name = "StepError";
    this.step = step;
    this.detail = detail;
  }

  /** Multi-line human text; the caller must have redacted secrets from the log tail already. */
  describe(): string {
    const d = this.detail;
    const lines = [this.message];
    if (d.process) lines.push(`  process: ${d.process}`);
    if (d.command) lines.push(`  command: ${d.command}`);
    if (d.exitCode !== undefined || d.signal !== undefined) lines.push(`  exit: code=${d.exitCode ?? "none"} signal=${d.signal ?? "none"}`);
    if (d.logTail) lines.push("  log tail:", ...d.logTail.split("\n").map((l) => `    ${l}`));
    if (d.next) lines.push(`  next: ${d.next}`);
    return lines.join("\n");
  }
}
