/** A private network namespace joined to the host by a veth pair. Names and commands are pure data. */
export interface NetnsPlan {
  name: string;
  hostIf: string;
  nsIf: string;
  hostAddr: string;
  nsAddr: string;
  prefix: number;
}

/** Link-local /30 per run (169.254.<n>.1 host side, .2 namespace side); names fit IFNAMSIZ (15). Pure. */
export function netnsPlan(id: string, octet: number): NetnsPlan {
  const short = id.replace(/[^a-z0-9]/gi, "").slice(0, 8);
  return { name: `smoke-${short}`, hostIf: `sv${short}h`, nsIf: `sv${short}n`, hostAddr: `169.254.${octet}.1`, nsAddr: `169.254.${octet}.2`, prefix: 30 };
}

/** The namespace and host-side link names a plan of this namespace name has (what teardown needs). Pure. */
export function namesOf(netnsName: string): Pick<NetnsPlan, "name" | "hostIf"> {
  return { name: netnsName, hostIf: `sv${netnsName.replace(/^smoke-/, "")}h` };
}

/** The ip(8) commands that build it; each is argv for `ip`. Pure. */
export function setupCommands(p: NetnsPlan): string[][] {
  return [
    ["netns", "add", p.name],
    ["link", "add", p.hostIf, "type", "veth", "peer", "name", p.nsIf],
    ["link", "set", p.nsIf, "netns", p.name],
    ["addr", "add", `${p.hostAddr}/${p.prefix}`, "dev", p.hostIf],
    ["link", "set", p.hostIf, "up"],
    ["-n", p.name, "addr", "add", `${p.nsAddr}/${p.prefix}`, "dev", p.nsIf],
    ["-n", p.name, "link", "set", p.nsIf, "up"],
    ["-n", p.name, "link", "set", "lo", "up"],
  ];
}

/** Deleting the namespace destroys its veth end and so the pair. Pure. */
export function teardownCommands(p: Pick<NetnsPlan, "name" | "hostIf">): string[][] {
  return [
    ["link", "del", p.hostIf],
    ["netns", "del", p.name],
  ];
}

/** argv prefix that runs a command inside the namespace. Pure. */
export function inNamespace(p: NetnsPlan): string[] {
  return ["ip", "netns", "exec", p.name];
}
