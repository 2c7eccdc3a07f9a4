/** Whether the browser thinks it is online (updated by the online/offline events). */
import { ref } from "vue";

const online = ref(typeof navigator === "undefined" ? true : navigator.onLine);
if (typeof window !== "undefined") {
  window.addEventListener("online", () => (online.value = true));
  window.addEventListener("offline", () => (online.value = false));
}

export function useOnline() {
  return online;
}
