/**
 * A calendar day's class (issue 20), as the server words it (`discipline` of GET /attendance/calendar): the cell's
 * short text, the day's sentence with the minutes, and a tone that only doubles the words (never colour alone).
 */
import type { CalendarDay } from "@/api/client";

export type ClassTone = "ok" | "warn" | "bad" | "info";

/** "TL1", "TL1 · PSW2", "Tepat", "TK", "Cuti"…; null for a day not yet over (or without a class). */
export function dayClass(day: CalendarDay | null | undefined): string | null {
  return day?.discipline?.short ?? null;
}

/** The chosen day's class in words: "Masuk: Terlambat 1–30 menit (TL1) · 12 menit; Pulang: Tepat waktu". */
export function dayClassSentences(day: CalendarDay | null | undefined): string[] {
  const label = day?.discipline?.mark_label;
  return label ? label.split("; ") : [];
}

/** On time and the overrides that excuse a day read calm; TL/PSW amber; absent without reason red. */
export function classTone(mark: string): ClassTone {
  if (mark === "TANPA_KETERANGAN" || mark === "TL4" || mark === "PSW4") return "bad";
  if (/^(TL|PSW)[1-3]$/.test(mark)) return "warn";
  if (mark === "TEPAT_WAKTU") return "ok";
  return "info";
}
