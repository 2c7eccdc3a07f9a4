/** Short confirmations that screen readers announce (an aria-live region in the app shell). */
import { reactive } from "vue";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error";
}

const toasts = reactive<Toast[]>([]);
let next = 1;

export function announce(text: string, tone: Toast["tone"] = "info", ms = 5000): void {
  const toast = { id: next++, text, tone };
  toasts.push(toast);
  setTimeout(() => {
    const index = toasts.findIndex((t) => t.id === toast.id);
    if (index >= 0) toasts.splice(index, 1);
  }, ms);
}

export function useToasts() {
  return { toasts, announce };
}
