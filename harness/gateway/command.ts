import { join } from "node:path";

/** The argv that starts the real gateway. Auth comes from the sandbox config, so no secret is in argv. Pure. */
export function gatewayArgv(openclawDir: string, port: number, bind: "loopback" | "lan" = "loopback"): string[] {
  return [join(openclawDir, "openclaw.mjs"), "gateway", "run", "--allow-unconfigured", "--port", String(port), "--bind", bind];
}
