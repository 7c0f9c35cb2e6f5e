// Loaded by pnpm into its own process for every command in this project. For the harness's run commands only
// (the bins in harness/cli/commands), it keeps pnpm from leaving before the run has torn itself down: the terminal's
// Ctrl-C, a SIGTERM to the process group and `timeout` reach pnpm and the harness alike, and pnpm's own handlers
// would exit at once (its exec's signal-exit re-raises the signal when no other listener is registered), handing the
// prompt back while the gateway is still stopping. With a listener of ours registered, pnpm waits for its child, the
// harness, which tears down, writes its partial report and exits 130/143/129; pnpm then exits with that code.
const RUN_COMMANDS = new Set(["smoke", "proof", "soak", "bench", "matrix", "bisect"]);
const command = process.argv.slice(2).find((a) => !a.startsWith("-") && a !== "pnpm");
if (RUN_COMMANDS.has(command)) {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => undefined);
}
module.exports = { hooks: {} };
