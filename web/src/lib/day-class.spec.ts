import { describe, expect, it } from "vitest";
import { classTone, dayClass, dayClassSentences } from "./day-class";

describe("a day's class", () => {
  const day = (discipline: Record<string, unknown> | null) => ({ date: "2026-11-02", discipline }) as never;

  it("reads the server's short text and splits its sentence per side", () => {
    const late = day({ mark: "TL1", short: "TL1 · PSW2", mark_label: "Masuk: Terlambat 1–30 menit (TL1) · 12 menit; Pulang: Pulang sebelum waktunya 31–60 menit (PSW2) · 45 menit" });
    expect(dayClass(late)).toBe("TL1 · PSW2");
    expect(dayClassSentences(late)).toEqual(["Masuk: Terlambat 1–30 menit (TL1) · 12 menit", "Pulang: Pulang sebelum waktunya 31–60 menit (PSW2) · 45 menit"]);
    expect(dayClass(day(null))).toBeNull();
    expect(dayClassSentences(day(null))).toEqual([]);
  });

  it("gives a tone that only doubles the words", () => {
    expect(classTone("TEPAT_WAKTU")).toBe("ok");
    expect(classTone("TL2")).toBe("warn");
    expect(classTone("PSW3")).toBe("warn");
    expect(classTone("TL4")).toBe("bad");
    expect(classTone("TANPA_KETERANGAN")).toBe("bad");
    expect(classTone("CUTI")).toBe("info");
    expect(classTone("TUGAS_LUAR")).toBe("info");
  });
});
