/**
 * Short confirmations that screen readers announce (an aria-live region in the app shell, always present, so a
 * new text is heard). Issue 18 found them lingering, stacking and following the person to the next page over
 * forms and lists; so: one at a time (the newest replaces the one before), gone by themselves after a few
 * seconds or at a tap, and left behind when the person moves to another page. Only the confirmation announced
 * just before the move it caused ("Laporan terkirim", then the report opens) goes along, once.
 */
import { reactive } from "vue";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error";
  /** when it was announced (ms), to tell a confirmation of the move itself from an old one */
  at: number;
}

/** A confirmation announced this shortly before a page change is the page change's own: it goes along. */
export const CARRY_MS = 1000;
const SHOWN_MS = 5000;

const toasts = reactive<Toast[]>([]);
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let next = 1;

export function dismiss(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function announce(text: string, tone: Toast["tone"] = "info", ms = SHOWN_MS, now = Date.now()): void {
  for (const old of [...toasts]) dismiss(old.id);
  const toast = { id: next++, text, tone, at: now };
  toasts.push(toast);
  timers.set(toast.id, setTimeout(() => dismiss(toast.id), ms));
}

/** The person moved to another page: what was confirmed on the page before stays there. */
export function leavePage(now = Date.now()): void {
  for (const toast of [...toasts]) if (now - toast.at > CARRY_MS) dismiss(toast.id);
  // the one that came along is the new page's for now; the next move leaves it behind
  for (const toast of toasts) toast.at = now - CARRY_MS - 1;
}

export function useToasts() {
  return { toasts, announce, dismiss };
}
