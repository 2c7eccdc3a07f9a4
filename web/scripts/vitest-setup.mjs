// vitest's global setup: src/lib/words.ts imports the generated src/api/labels.ts (the server's labels), so a
// checkout that was never built generates it first (with the OpenAPI types; see openapi-types.mjs).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const scripts = dirname(fileURLToPath(import.meta.url));

export default function setup() {
  if (!existsSync(resolve(scripts, "../src/api/labels.ts"))) {
    execFileSync(process.execPath, [resolve(scripts, "openapi-types.mjs")], { stdio: "inherit" });
  }
}
