import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { announce, dismiss, leavePage, useToasts } from "./useToast";

const { toasts } = useToasts();

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const t of [...toasts]) dismiss(t.id);
  vi.useRealTimers();
});

describe("toasts", () => {
  it("shows one at a time: the newest replaces the one before", () => {
    announce("Templat tersimpan.");
    announce("Templat dihapus.");
    expect(toasts.map((t) => t.text)).toEqual(["Templat dihapus."]);
  });

  it("goes away by itself", () => {
    announce("Templat tersimpan.");
    vi.advanceTimersByTime(4999);
    expect(toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(toasts).toHaveLength(0);
  });

  it("stays on its page, except the confirmation of the move itself, which goes along once", () => {
    announce("Pengingat aktif.", "info", 5000, 10_000);
    leavePage(12_000);
    expect(toasts).toHaveLength(0);

    announce("Laporan terkirim ke atasan.", "info", 5000, 20_000);
    leavePage(20_200); // the send opened the report: its confirmation is shown there
    expect(toasts.map((t) => t.text)).toEqual(["Laporan terkirim ke atasan."]);
    leavePage(20_400); // and not on the page after
    expect(toasts).toHaveLength(0);
  });
});
