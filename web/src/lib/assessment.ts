/**
 * The quarterly assessment as the screens handle it (issue 19): the ratings and the predicate in the server's
 * words, the predicate matrix of PermenPANRB 6/2022 (only to show the predicate while the penilai chooses — the
 * server computes the one that counts, `chalicelib/domain/assessment.py`), the quarters a year has started, the
 * form's draft, its checks (the API's limits) and the body the API takes.
 */
import { LABELS } from "@/api/labels";
import { formatDecimal, formatDuration } from "./format";
import { parseAmount } from "./skp";
import type { Tone } from "./words";

export type Rating = keyof typeof LABELS.rating;
export type Predicate = keyof typeof LABELS.predicate;

/** Best first, as the radios list them. */
export const RATINGS: Rating[] = ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"];
export const RATING_LABELS: Readonly<Record<Rating, string>> = LABELS.rating;
export const PREDICATE_LABELS: Readonly<Record<Predicate, string>> = LABELS.predicate;

/** The seven core values of ASN (SE MenPANRB 20/2021), in their official order: the API takes notes by these names. */
export const BERAKHLAK = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"] as const;

/** The API's limits (domain/quarter_assessment.py). */
export const LIMITS = { realisation: 300, feedback: 2000, note: 500 } as const;

/**
 * The predicate of the two ratings (PermenPANRB 6/2022, Lampiran): both above → Sangat Baik; behaviour below →
 * Kurang/Misconduct (Sangat Kurang when results are below too); results below → Butuh Perbaikan; otherwise Baik.
 */
export function predicateOf(results: Rating, behaviour: Rating): Predicate {
  const below = "DI_BAWAH_EKSPEKTASI";
  if (results === below && behaviour === below) return "SANGAT_KURANG";
  if (behaviour === below) return "KURANG";
  if (results === below) return "BUTUH_PERBAIKAN";
  if (results === "DI_ATAS_EKSPEKTASI" && behaviour === "DI_ATAS_EKSPEKTASI") return "SANGAT_BAIK";
  return "BAIK";
}

/** The colour beside a predicate's words (never instead of them). */
export function predicateTone(predicate: string): Tone {
  if (predicate === "SANGAT_BAIK" || predicate === "BAIK") return "green";
  if (predicate === "BUTUH_PERBAIKAN") return "amber";
  return "red";
}

/** "Triwulan IV 2026", as the server names a quarter. */
export function quarterLabel(year: number, quarter: number): string {
  return `Triwulan ${["I", "II", "III", "IV"][quarter - 1]} ${year}`;
}

/** The quarters of `year` that have begun by `today` ("2026-12-07"): an assessment looks back on one. */
export function startedQuarters(year: number, today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return [1, 2, 3, 4];
  if (year > thisYear) return [];
  const month = Number(today.slice(5, 7));
  return [1, 2, 3, 4].filter((q) => (q - 1) * 3 + 1 <= month);
}

/** The quarter a supervisor most likely wants: the latest that has begun (the fourth of a past year). */
export function latestQuarter(year: number, today: string): number | null {
  const started = startedQuarters(year, today);
  return started.length ? started[started.length - 1] : null;
}

/** An SKP's id: `<nip>.<year>`. */
export function skpIdOf(nip: string, year: number): string {
  return `${nip}.${year}`;
}

/** The API's hours (2.5) in words: "2 jam 30 menit"; none is "0 jam". */
export function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60);
  return minutes ? formatDuration(minutes) : "0 jam";
}

// -- the penilai's form ------------------------------------------------------------------------------------

export interface IndicatorRef {
  rhk_id: string;
  indicators: { unit: string }[];
}

export interface AssessmentDraft {
  results: Rating | "";
  behaviour: Rating | "";
  feedback: string;
  /** By BerAKHLAK value. */
  notes: Record<string, string>;
  /** By `realisationKey`. */
  realisations: Record<string, string>;
}

export const realisationKey = (rhkId: string, indicator: number) => `${rhkId}:${indicator}`;

/** Field ids of the form (an error summary links to them). */
export const fieldId = {
  realisation: (t: number, i: number) => `realisasi-${t}-${i}`,
  results: "results",
  behaviour: "behaviour",
  feedback: "feedback",
  note: (v: number) => `catatan-${v}`,
};

/** What is sent for a typed realisation: a bare number takes the indicator's unit ("3" → "3 dokumen"). */
export function realisationText(typed: string, unit: string): string {
  const text = typed.trim();
  const amount = /^[\d.,\s]+$/.test(text) ? parseAmount(text) : null;
  return amount === null ? text : `${formatDecimal(amount, 4)} ${unit}`.trim();
}

/** A stored realisation as the field shows it beside its unit ("3 dokumen" → "3"). */
export function typedOf(value: string, unit: string): string {
  const suffix = ` ${unit}`;
  if (unit && value.endsWith(suffix)) {
    const head = value.slice(0, -suffix.length);
    if (parseAmount(head) !== null) return head;
  }
  return value;
}

export function emptyDraft(): AssessmentDraft {
  return { results: "", behaviour: "", feedback: "", notes: {}, realisations: {} };
}

/** The stored assessment as the form edits it (empty when there is none). */
export function draftOf(
  assessment: { results: string; behaviour: string; feedback?: string | null; value_notes: { value: string; note: string }[]; realisations: { rhk_id: string; indicator: number; value: string }[] } | null,
  targets: IndicatorRef[],
): AssessmentDraft {
  const draft = emptyDraft();
  if (!assessment) return draft;
  draft.results = assessment.results as Rating;
  draft.behaviour = assessment.behaviour as Rating;
  draft.feedback = assessment.feedback ?? "";
  for (const n of assessment.value_notes) draft.notes[n.value] = n.note;
  for (const r of assessment.realisations) {
    const unit = targets.find((t) => t.rhk_id === r.rhk_id)?.indicators[r.indicator]?.unit ?? "";
    draft.realisations[realisationKey(r.rhk_id, r.indicator)] = typedOf(r.value, unit);
  }
  return draft;
}

/** What is wrong before sending, by field id: every indicator's realisation and both ratings are needed. */
export function checkAssessment(draft: AssessmentDraft, targets: IndicatorRef[]): Record<string, string> {
  const errors: Record<string, string> = {};
  targets.forEach((target, t) =>
    target.indicators.forEach((_, i) => {
      const typed = (draft.realisations[realisationKey(target.rhk_id, i)] ?? "").trim();
      const which = `indikator ${i + 1} RHK ${t + 1}`;
      if (!typed) errors[fieldId.realisation(t, i)] = `Isi realisasi ${which}, misalnya 3 atau "Selesai tepat waktu".`;
      else if (typed.length > LIMITS.realisation) errors[fieldId.realisation(t, i)] = `Realisasi ${which} paling banyak ${LIMITS.realisation} karakter.`;
    }),
  );
  if (!draft.results) errors[fieldId.results] = "Pilih rating hasil kerja.";
  if (!draft.behaviour) errors[fieldId.behaviour] = "Pilih rating perilaku kerja.";
  if (draft.feedback.trim().length > LIMITS.feedback) errors[fieldId.feedback] = `Umpan balik paling banyak ${LIMITS.feedback} karakter.`;
  BERAKHLAK.forEach((value, v) => {
    if ((draft.notes[value] ?? "").trim().length > LIMITS.note) errors[fieldId.note(v)] = `Catatan ${value} paling banyak ${LIMITS.note} karakter.`;
  });
  return errors;
}

/**
 * The body of PUT …/assessment, and the form's field id of each realisation sent (the API names a wrong one by its
 * position: "realisations.2.value").
 */
export function assessmentBody(draft: AssessmentDraft, targets: IndicatorRef[], version: number | null) {
  const realisations: { rhk_id: string; indicator: number; value: string }[] = [];
  const fields: string[] = [];
  targets.forEach((target, t) =>
    target.indicators.forEach((indicator, i) => {
      const typed = (draft.realisations[realisationKey(target.rhk_id, i)] ?? "").trim();
      if (!typed) return;
      realisations.push({ rhk_id: target.rhk_id, indicator: i, value: realisationText(typed, indicator.unit) });
      fields.push(fieldId.realisation(t, i));
    }),
  );
  const notes = Object.fromEntries(BERAKHLAK.map((v) => [v, (draft.notes[v] ?? "").trim()]).filter(([, note]) => note));
  const body = {
    results: draft.results as Rating,
    behaviour: draft.behaviour as Rating,
    realisations,
    ...(draft.feedback.trim() ? { feedback: draft.feedback.trim() } : {}),
    value_notes: Object.keys(notes).length ? notes : null,
    ...(version !== null ? { version } : {}),
  };
  return { body, fields };
}

/** The form's field id of a field the API names ("realisations.1.value" → the second realisation sent). */
export function fieldOfApi(field: string | undefined, fields: string[]): string | undefined {
  if (!field) return undefined;
  const match = /^realisations\.(\d+)/.exec(field);
  if (match) return fields[Number(match[1])];
  if (field.startsWith("value_notes.")) {
    const v = BERAKHLAK.indexOf(field.slice("value_notes.".length) as (typeof BERAKHLAK)[number]);
    return v >= 0 ? fieldId.note(v) : undefined;
  }
  return ["results", "behaviour", "feedback"].includes(field) ? field : undefined;
}
