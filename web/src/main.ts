import { createApp, h } from "vue";
import App from "./App.vue";
import { configureApi } from "./api/client";
import { loadConfig } from "./api/config";
import { useSession } from "./composables/useSession";
import { router } from "./router";
import "./styles/main.css";

async function start(): Promise<void> {
  const session = useSession();
  let failed = false;
  try {
    const config = await loadConfig();
    configureApi(config.apiUrl, {
      token: session.token,
      onUnauthorized: () => {
        session.forget("Sesi Anda telah berakhir. Silakan masuk kembali.");
        void router.push({ path: "/masuk", query: { lanjut: router.currentRoute.value.fullPath } });
      },
    });
  } catch {
    failed = true;
  }
  if (failed) {
    createApp({
      render: () =>
        h("main", { class: "content" }, [
          h("h1", "Kinerja tidak dapat dibuka"),
          h("p", "Pengaturan aplikasi tidak dapat dimuat. Periksa koneksi internet Anda, lalu muat ulang halaman ini."),
          h("button", { class: "btn", type: "button", onClick: () => location.reload() }, "Muat ulang"),
        ]),
    }).mount("#app");
    return;
  }
  const app = createApp(App).use(router);
  await router.isReady(); // the first page is known before anything is drawn: no frame flashes by
  app.mount("#app");
}

void start();

if ("serviceWorker" in navigator && import.meta.env.PROD) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
}
