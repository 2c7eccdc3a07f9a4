/* Kinerja service worker: keeps the app shell so the app opens on a weak or lost connection.
 * The build (vite.config.ts) fills in the shell's file list and the version.
 * - navigation: network first, the cached index.html when offline (client routes included);
 * - built files (hashed names, never change): cache first;
 * - /config.json: network first, cached copy when offline;
 * - the API and uploads (other origins): never touched — their answers are never cached. */
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = `kinerja-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kinerja-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(fallbackUrl || request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(fallbackUrl || request)) || (await cache.match("./index.html"));
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, "./index.html"));
    return;
  }
  if (url.pathname.endsWith("/config.json")) {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
