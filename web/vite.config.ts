/// <reference types="vitest/config" />
import { createHash } from "node:crypto";
import { fileURLToPath, URL } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";

/**
 * Writes dist/sw.js: the hand-written service worker (src/sw/sw.js) with the list of files that
 * make the app shell (index.html, every built script, style, icon) and a version derived from them,
 * so a new build replaces the old cache and nothing is cached that the build did not produce.
 */
function serviceWorker(): Plugin {
  return {
    name: "kinerja-service-worker",
    apply: "build",
    async generateBundle(_, bundle) {
      const { readFile } = await import("node:fs/promises");
      const template = await readFile(fileURLToPath(new URL("./src/sw/sw.js", import.meta.url)), "utf8");
      const files = Object.keys(bundle).filter((name) => !name.endsWith(".map"));
      const shell = ["./", "./index.html", "./manifest.webmanifest", "./icons/icon-192.png", ...files.filter((f) => f !== "index.html").map((f) => "./" + f)];
      const version = createHash("sha256").update(files.sort().join("\n")).digest("hex").slice(0, 12);
      this.emitFile({
        type: "asset",
        fileName: "sw.js",
        source: template.replace("__SHELL__", JSON.stringify(shell)).replace("__VERSION__", version),
      });
    },
  };
}

export default defineConfig({
  plugins: [vue(), serviceWorker()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    target: "es2022",
    cssCodeSplit: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { host: "127.0.0.1", port: 5173 },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.spec.ts"],
    // generates src/api/labels.ts when it is missing (it comes from the API's OpenAPI document)
    globalSetup: ["./scripts/vitest-setup.mjs"],
  },
});
