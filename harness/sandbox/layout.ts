import { join } from "node:path";

/** Where everything lives inside one sandbox (a temporary OPENCLAW_HOME). Pure. */
export interface SandboxLayout {
  root: string;
  home: string;
  stateDir: string;
  configPath: string;
  execApprovalsPath: string;
  socketPath: string;
  logFile: string;
  tmpDir: string;
  cacheDir: string;
  /** `node-compile-cache` in the sandbox's temp dir: a link to the persistent compile cache, when there is one. */
  compileCacheLink: string;
  stateDb: string;
  legacyIdentityFile: string;
  /** An empty home beside the shared one, for a runtime process that must not share the gateway's. */
  unsharedHome: string;
  /** Where that process's OpenClaw keeps its state database, if it makes one. */
  unsharedStateDb: string;
}

/** Where OpenClaw keeps its state database under a given OPENCLAW_HOME (no OPENCLAW_STATE_DIR set). Pure. */
function stateDbUnder(home: string): string {
  return join(home, ".openclaw", "state", "openclaw.sqlite");
}

/**
 * How a child uses V8's compile cache. Pure.
 * - With a persistent cache (the sandbox's `tmp/node-compile-cache` links to it): the gateway gets nothing, so
 *   OpenClaw's launcher does what it does on a user's machine, a packaged cache under os.tmpdir(); setting
 *   NODE_COMPILE_CACHE would make the 2026.9.x launcher respawn itself to move it. A runtime process is not started
 *   by that launcher, so it is pointed at the link (its worker threads inherit the variable).
 * - Without one: no cache at all. A cache inside a fresh sandbox never hits, yet every OpenClaw process writes its
 *   whole module graph's cache at exit (0.5-1 s per runtime process, ~1 s per gateway stop).
 */
export function compileCacheEnv(layout: SandboxLayout, child: "gateway" | "runtime", persistent: boolean): Record<string, string> {
  if (!persistent) return { NODE_DISABLE_COMPILE_CACHE: "1" };
  return child === "runtime" ? { NODE_COMPILE_CACHE: layout.compileCacheLink } : {};
}

/** The variables that point a process at a home: HOME, OPENCLAW_HOME and the XDG config and data dirs. Pure. */
export function homeEnv(home: string): Record<string, string> {
  return { HOME: home, OPENCLAW_HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_DATA_HOME: join(home, ".local", "share") };
}

export function sandboxLayout(root: string): SandboxLayout {
  const stateDir = join(root, ".openclaw");
  const tmpDir = join(root, "tmp");
  const unsharedHome = join(root, "unshared-home");
  return {
    root,
    home: root,
    stateDir,
    configPath: join(stateDir, "openclaw.json"),
    execApprovalsPath: join(stateDir, "exec-approvals.json"),
    socketPath: join(stateDir, "exec-approvals.sock"),
    logFile: join(root, "logs", "openclaw.log"),
    tmpDir,
    compileCacheLink: join(tmpDir, "node-compile-cache"),
    cacheDir: join(root, "cache"),
    stateDb: stateDbUnder(root),
    legacyIdentityFile: join(stateDir, "identity", "device.json"),
    unsharedHome,
    unsharedStateDb: stateDbUnder(unsharedHome),
  };
}

/**
 * The child environment, built from scratch: only locale and time zone survive from the parent, so nothing that
 * silences or redirects OpenClaw (VITEST, NODE_OPTIONS, OPENCLAW_*, npm_*) can reach it. The OPENCLAW_SKIP_* set is
 * OpenClaw's own gateway e2e helper's (test/helpers/gateway-e2e-harness.ts): no channel, cron, browser control server
 * or canvas host, none of which an approval touches; the last two save about 1.5 s and 1.5 CPU-s of every gateway
 * start on 2026.9.6 (ready 11.9 s -> 10.7 s, two smokes each). Pure.
 */
export function childBaseEnv(layout: SandboxLayout, parent: NodeJS.ProcessEnv, nodeBinDir: string, compileCached = false): Record<string, string> {
  const env: Record<string, string> = {
    PATH: [nodeBinDir, "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    ...homeEnv(layout.home),
    XDG_CACHE_HOME: layout.cacheDir,
    ...compileCacheEnv(layout, "gateway", compileCached),
    TMPDIR: layout.tmpDir,
    OPENCLAW_NO_AUTO_UPDATE: "1",
    OPENCLAW_SKIP_CHANNELS: "1",
    OPENCLAW_SKIP_GMAIL_WATCHER: "1",
    OPENCLAW_SKIP_CRON: "1",
    OPENCLAW_SKIP_STARTUP_MODEL_PREWARM: "1",
    OPENCLAW_SKIP_BROWSER_CONTROL_SERVER: "1",
    OPENCLAW_SKIP_CANVAS_HOST: "1",
  };
  for (const key of ["LANG", "LC_ALL", "TZ"]) {
    const v = parent[key];
    if (v !== undefined) env[key] = v;
  }
  return env;
}
