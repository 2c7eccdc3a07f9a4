/**
 * The SKP (sasaran kinerja pegawai) as the screens handle it: the targets (RHK) being edited, the checks the
 * form makes before the API does (the same limits: 1–500 characters of text, 1–5 indicators of 1–300 characters,
 * a target value above 0, a unit of 1–40 characters, at most 30 targets, at least one "utama" to submit), the body
 * the API takes, and the words and colours of a status. Field ids are the API's own paths ("targets.0.text",
 * "targets.0.indicators.1.unit"), so the message the API gives for a field lands next to it.
 */
import { LABELS } from "@/api/labels";
import type { Tone } from "./words";
import { formatDecimal } from "./format";

export type RhkKind = "UTAMA" | "TAMBAHAN";

/** The server's words for a kind (its "rhk_kind" labels); used where no `kind_label` came with a target. */
export const KIND_LABELS: Record<RhkKind, string> = LABELS.rhk_kind;

export const LIMITS = { targets: 30, indicators: 5, text: 500, indicatorText: 300, unit: 40 } as const;

export interface IndicatorShape {
  text: string;
  target: number;
  unit: string;
}

export interface TargetShape {
  rhk_id: string;
  text: string;
  kind: string;
  kind_label?: string;
  parent_rhk_id?: string | null;
  indicators: IndicatorShape[];
}

/** An indicator as typed: the target value stays text until sent ("12,5" is how people write it). */
export interface IndicatorDraft {
  text: string;
  target: string;
  unit: string;
}

export interface TargetDraft {
  /** Stable key for the list (a new target has no rhk_id yet). */
  key: string;
  /** Kept when sent back, so a report's reference survives an edit. */
  rhk_id: string | null;
  text: string;
  kind: RhkKind;
  parent_rhk_id: string;
  indicators: IndicatorDraft[];
}

let counter = 0;
const nextKey = () => `baru-${++counter}`;

export function newIndicator(): IndicatorDraft {
  return { text: "", target: "", unit: "" };
}

export function newTarget(kind: RhkKind = "UTAMA"): TargetDraft {
  return { key: nextKey(), rhk_id: null, text: "", kind, parent_rhk_id: "", indicators: [newIndicator()] };
}

/** A stored target as the form edits it. */
export function draftOf(target: TargetShape): TargetDraft {
  return {
    key: target.rhk_id || nextKey(),
    rhk_id: target.rhk_id || null,
    text: target.text,
    kind: target.kind === "TAMBAHAN" ? "TAMBAHAN" : "UTAMA",
    parent_rhk_id: target.parent_rhk_id ?? "",
    indicators: target.indicators.length
      ? target.indicators.map((i) => ({ text: i.text, target: formatDecimal(i.target, 4), unit: i.unit }))
      : [newIndicator()],
  };
}

/**
 * A target value as people type it: "12", "12,5", "12.5", "1.250" (dots grouping thousands) or "1.250,5";
 * null when it is not a number.
 */
export function parseAmount(typed: string): number | null {
  const text = typed.trim().replace(/\s/g, "");
  if (!text) return null;
  let normal: string;
  if (text.includes(",")) normal = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) normal = text.replace(/\./g, "");
  else normal = text;
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/** Field ids (the API's paths). */
export const fieldId = {
  text: (t: number) => `targets.${t}.text`,
  kind: (t: number) => `targets.${t}.kind`,
  parent: (t: number) => `targets.${t}.parent_rhk_id`,
  indicator: (t: number, i: number, name: keyof IndicatorDraft) => `targets.${t}.indicators.${i}.${name}`,
};

/** What is wrong with the targets before sending, by field id; empty when they can be saved. */
export function checkTargets(targets: TargetDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  targets.forEach((target, t) => {
    const n = t + 1;
    if (!target.text.trim()) errors[fieldId.text(t)] = `Isi uraian RHK ${n}.`;
    else if (target.text.trim().length > LIMITS.text) errors[fieldId.text(t)] = `Uraian RHK ${n} paling banyak ${LIMITS.text} karakter.`;
    target.indicators.forEach((indicator, i) => {
      const which = `indikator ${i + 1} RHK ${n}`;
      if (!indicator.text.trim()) errors[fieldId.indicator(t, i, "text")] = `Isi uraian ${which}.`;
      else if (indicator.text.trim().length > LIMITS.indicatorText)
        errors[fieldId.indicator(t, i, "text")] = `Uraian ${which} paling banyak ${LIMITS.indicatorText} karakter.`;
      const amount = parseAmount(indicator.target);
      if (!indicator.target.trim()) errors[fieldId.indicator(t, i, "target")] = `Isi target ${which}.`;
      else if (amount === null || amount <= 0)
        errors[fieldId.indicator(t, i, "target")] = `Target ${which} harus angka lebih dari 0, misalnya 12 atau 2,5.`;
      if (!indicator.unit.trim()) errors[fieldId.indicator(t, i, "unit")] = `Isi satuan ${which}, misalnya dokumen atau laporan.`;
      else if (indicator.unit.trim().length > LIMITS.unit) errors[fieldId.indicator(t, i, "unit")] = `Satuan ${which} paling banyak ${LIMITS.unit} karakter.`;
    });
  });
  return errors;
}

/** Why the SKP cannot be submitted yet (the API says the same: SKP_INCOMPLETE), or null. */
export function submitBlocker(targets: { kind: string }[]): string | null {
  if (!targets.length) return "Tambahkan paling sedikit satu RHK sebelum mengajukan SKP.";
  if (!targets.some((t) => t.kind === "UTAMA")) return "SKP memerlukan paling sedikit satu RHK utama sebelum diajukan.";
  return null;
}

/** The body of PUT /skp/{skp_id}: texts trimmed, values as numbers, the rhk_id kept where there is one. */
export function targetsBody(targets: TargetDraft[]) {
  return targets.map((t) => ({
    ...(t.rhk_id ? { rhk_id: t.rhk_id } : {}),
    text: t.text.trim(),
    kind: t.kind,
    parent_rhk_id: t.parent_rhk_id || null,
    indicators: t.indicators.map((i) => ({ text: i.text.trim(), target: parseAmount(i.target) ?? 0, unit: i.unit.trim() })),
  }));
}

/** Whether the form holds something other than the stored targets. */
export function changed(drafts: TargetDraft[], stored: TargetShape[]): boolean {
  return JSON.stringify(targetsBody(drafts)) !== JSON.stringify(targetsBody(stored.map(draftOf)));
}

/** "12 dokumen", "2,5 jam". */
export function formatIndicator(indicator: IndicatorShape): string {
  return `${formatDecimal(indicator.target, 4)} ${indicator.unit}`;
}

export function kindLabel(target: { kind: string; kind_label?: string }): string {
  return target.kind_label || KIND_LABELS[target.kind as RhkKind] || "RHK";
}

/** The colour of an SKP's status (always shown with the API's label). */
export function skpTone(status: string | null | undefined): Tone {
  if (status === "SUBMITTED") return "amber";
  if (status === "APPROVED") return "green";
  if (status === "RETURNED") return "red";
  return "grey";
}

/** Statuses in which the employee may change the targets (a submitted SKP waits for the supervisor). */
export function editable(status: string): boolean {
  return status !== "SUBMITTED";
}

/** One line for a select or a list: "RHK utama: Tersusunnya laporan keuangan…" shortened to fit a phone. */
export function rhkOption(target: { text: string; kind: string; kind_label?: string }, max = 90): string {
  const text = target.text.length > max ? `${target.text.slice(0, max - 1).trimEnd()}…` : target.text;
  return `${text} (${kindLabel(target)})`;
}

/** The year a date belongs to ("2026-12-14" → 2026). */
export function yearOf(day: string): number | null {
  const year = Number(day.slice(0, 4));
  return /^\d{4}-/.test(day) && year > 2000 ? year : null;
}
