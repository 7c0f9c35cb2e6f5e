import { describe, expect, it } from "vitest";
import { lintWorkflow } from "./lint.ts";

const SHA = "11d5960a326750d5838078e36cf38b85af677262";
const steps = (body: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;

describe("zizmor's two rules for a composite action and its callers", () => {
  it("passes inputs through env and pinned, commented actions", () => {
    expect(lintWorkflow(steps(`      - uses: actions/checkout@${SHA} # v4.4.0\n      - uses: ./\n      - env:\n          TITLE: \${{ github.event.pull_request.title }}\n        run: echo "$TITLE"\n`))).toEqual([]);
  });

  it("template-injection: an expression inside run, in any block style, or inside github-script's script", () => {
    expect(lintWorkflow(steps("      - run: echo ${{ github.head_ref }}\n")).map((p) => [p.rule, p.path])).toEqual([["template-injection", "jobs.a.steps.0.run"]]);
    expect(lintWorkflow(steps("      - run: |\n          echo ok\n          echo \"${{ inputs.head }}\"\n"))[0]?.rule).toBe("template-injection");
    expect(lintWorkflow(`runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: >-\n        cd \${{ inputs.head }}\n`)[0]?.path).toBe("runs.steps.0.run");
    expect(lintWorkflow(steps(`      - uses: actions/github-script@${SHA} # v7.1.0\n        with:\n          script: console.log("\${{ github.event.comment.body }}")\n`))[0]?.rule).toBe("template-injection");
  });

  it("unpinned-uses: a tag, a branch, a short commit, or a commit without its tag comment", () => {
    for (const ref of ["actions/checkout@v4", "actions/checkout@main", "actions/checkout@11d5960"]) {
      expect(lintWorkflow(steps(`      - uses: ${ref}\n`)).map((p) => p.rule), ref).toEqual(["unpinned-uses"]);
    }
    expect(lintWorkflow(steps(`      - uses: actions/checkout@${SHA}\n`))[0]?.detail).toContain("no tag comment");
    expect(lintWorkflow(`jobs:\n  call:\n    uses: org/repo/.github/workflows/x.yml@v1\n`)[0]?.rule).toBe("unpinned-uses");
  });
});
