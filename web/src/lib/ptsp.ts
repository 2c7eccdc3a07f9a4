/**
 * The PTSP desk and catalogue (issue 22) in the browser: turning what an officer types into what the API takes
 * (requirements one per line, keywords separated by commas), and the desk's times and ranges as people read them.
 * The rules themselves (lengths, at least one requirement, lower-case keywords) are the server's.
 */
import { addDays, formatDateLong, formatTime } from "./format";

/** The longest range one list or Excel covers (the server refuses more). */
export const RANGE_DAYS_MAX = 31;

/** Requirements typed one per line → the list (blank lines and spaces around dropped). */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Keywords typed with commas (or new lines) → the list, lower case, each once. */
export function keywordsFromText(text: string): string[] {
  const seen: string[] = [];
  for (const word of text.split(/[,\n]/).map((w) => w.trim().replace(/\s+/g, " ").toLowerCase())) {
    if (word && !seen.includes(word)) seen.push(word);
  }
  return seen;
}

/** "2026-12-07T08:30:00" (the desk's own time) → "08.30 WIB". */
export function deskTime(at: string, zone?: string): string {
  return formatTime(at.slice(11, 16), zone as never);
}

/** The heading of a desk list, in the long form UI.md gives headings: "Senin, 7 Desember 2026" or a range of two. */
export function rangeLabel(from: string, to: string): string {
  return from === to ? formatDateLong(from) : `${formatDateLong(from)} – ${formatDateLong(to)}`;
}

/** A range's refusal before asking the server (same words as its answer), or null when the range is fine. */
export function rangeProblem(from: string, to: string): string | null {
  if (!from || !to) return "Isi tanggal awal dan tanggal akhir.";
  if (to < from) return "Tanggal akhir tidak boleh sebelum tanggal awal.";
  if (addDays(from, RANGE_DAYS_MAX - 1) < to) return `Rentang tanggal paling panjang ${RANGE_DAYS_MAX} hari.`;
  return null;
}
