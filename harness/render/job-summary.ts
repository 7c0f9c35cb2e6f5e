import { appendFile } from "node:fs/promises";

/**
 * Appends the proof Markdown to the GitHub Actions job summary when GITHUB_STEP_SUMMARY names a file.
 * Returns whether it wrote. A summary file that cannot be written is an error of the CI set-up: it throws.
 */
export async function appendJobSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const file = env["GITHUB_STEP_SUMMARY"]?.trim();
  if (!file) return false;
  await appendFile(file, markdown.endsWith("\n") ? `${markdown}\n` : `${markdown}\n\n`, "utf8");
  return true;
}
