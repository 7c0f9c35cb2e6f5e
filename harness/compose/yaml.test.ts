import { describe, expect, it } from "vitest";
import { toYaml } from "./yaml.ts";

describe("toYaml", () => {
  it("writes maps, lists of scalars and of maps, quoted strings and empty values", () => {
    const text = toYaml({ services: { a: { command: ["node", "x y"], user: "1000:1000", init: true, ports: [], env: {} } }, networks: { default: { ipam: { config: [{ subnet: "169.254.9.0/24" }] } } } }, ["head"]);
    expect(text).toBe(
      [
        "# head",
        "services:",
        "  a:",
        "    command:",
        '      - "node"',
        '      - "x y"',
        '    user: "1000:1000"',
        "    init: true",
        "    ports: []",
        "    env: {}",
        "networks:",
        "  default:",
        "    ipam:",
        "      config:",
        '        - subnet: "169.254.9.0/24"',
        "",
      ].join("\n"),
    );
  });

  it("quotes keys that YAML would read otherwise", () => {
    expect(toYaml({ "a b": 1, "openclaw-approval-smoke.run": "x" })).toBe('"a b": 1\nopenclaw-approval-smoke.run: "x"\n');
  });
});
