/**
 * An SKPD's TPP deduction rules (issue 20) as the "Potongan TPP" form on /jam-kerja edits them: minute bands of the
 * four TL/PSW levels, each level's percentage, and the deduction for a day absent without reason. Percentages are
 * typed the Indonesian way ("1,25"); the server (`check_rules`) decides what is allowed.
 */
import type { Schemas } from "@/api/client";
import { formatDecimal } from "./format";

export type DisciplineRules = Schemas["DisciplineRulesOut"];

export interface RulesForm {
  bands: string[];
  late: string[];
  early: string[];
  absent_per_day: string;
  absent_full_after: string;
  version: number;
}

export const LEVELS = [1, 2, 3, 4] as const;

const shown = (n: number): string => formatDecimal(n, 2);

/** The form from the API's rules (or from its `defaults`, for "Kembalikan ke bawaan", keeping the version). */
export function toRulesForm(rules: Pick<DisciplineRules, "bands" | "late" | "early" | "absent_per_day" | "absent_full_after">, version: number): RulesForm {
  return {
    bands: rules.bands.map(String),
    late: rules.late.map(shown),
    early: rules.early.map(shown),
    absent_per_day: shown(rules.absent_per_day),
    absent_full_after: rules.absent_full_after == null ? "" : String(rules.absent_full_after),
    version,
  };
}

/** "1,25" or "1.25" → 1.25; null when it is not a number. */
export function parsePercent(text: string): number | null {
  const clean = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

function parseWhole(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The PUT body, or the fields the browser can already tell are not numbers (ids as `rulesFieldId` names them). */
export function toRulesBody(form: RulesForm): { body?: Schemas["DisciplineRulesInput"]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const percents = (name: "late" | "early") =>
    form[name].map((text, i) => {
      const value = parsePercent(text);
      if (value === null) errors[rulesFieldId(`${name}.${i}`)] = "Isi persentase dengan angka, misalnya 1,25.";
      return value ?? 0;
    });
  const bands = form.bands.map((text, i) => {
    const value = parseWhole(text);
    if (value === null) errors[rulesFieldId(`bands.${i}`)] = "Isi batas dengan jumlah menit, misalnya 30.";
    return value ?? 0;
  });
  const late = percents("late");
  const early = percents("early");
  const absent = parsePercent(form.absent_per_day);
  if (absent === null) errors[rulesFieldId("absent_per_day")] = "Isi persentase dengan angka, misalnya 2,5.";
  const streak = form.absent_full_after.trim() ? parseWhole(form.absent_full_after) : null;
  if (form.absent_full_after.trim() && streak === null) errors[rulesFieldId("absent_full_after")] = "Isi jumlah hari dengan angka, atau kosongkan.";
  if (Object.keys(errors).length) return { errors };
  return { body: { bands, late, early, absent_per_day: absent ?? 0, absent_full_after: streak, version: form.version }, errors };
}

/** The control an API field names: "late.2" → "rules-late-2", "bands" → the first band. */
export function rulesFieldId(field: string): string {
  return `rules-${field === "bands" ? "bands.0" : field}`.replaceAll(".", "-");
}

/** "Tingkat 1: 1–30 menit · … · Tingkat 4: lebih dari 90 menit", from the bands being typed. */
export function bandsText(bands: string[]): string {
  const limits = bands.map((b) => parseWhole(b));
  if (limits.some((n) => n === null)) return "";
  const [a, b, c] = limits as number[];
  return [`Tingkat 1: 1–${a} menit`, `Tingkat 2: ${a + 1}–${b} menit`, `Tingkat 3: ${b + 1}–${c} menit`, `Tingkat 4: lebih dari ${c} menit`].join(" · ");
}
