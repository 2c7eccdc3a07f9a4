/**
 * A satker's month of discipline as HR reads, closes and corrects it (issue 20, "Disiplin & TPP"): the months to
 * choose, the status in words, each employee's key figures in Indonesian, which of them a correction changed, and
 * the correction form checked before it is sent. The server decides everything again (`domain.discipline`);
 * this only says it the way a person reads it.
 */
import type { CorrectionBody, SatkerMonth, SatkerMonthFigures, SatkerMonthRow } from "@/api/discipline";
import { addDays, formatDateMedium, formatDecimal, formatDuration, formatMonth, formatNumber, zoned, type Zone } from "./format";

export const MIN_REASON = 10;
export const MAX_REASON = 500;

export interface MonthOption {
  value: string;
  label: string;
}

/** The twelve months before today's, newest first: a month is closed only once it is over. */
export function pastMonths(today: string, count = 12): MonthOption[] {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const options: MonthOption[] = [];
  for (let i = 0; i < count; i++) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    const value = `${year}-${String(month).padStart(2, "0")}`;
    options.push({ value, label: formatMonth(value) });
  }
  return options;
}

/** "Terbuka — angka masih dapat berubah" or "Ditutup 3 Desember 2026 oleh Rina Kepegawaian". */
export function statusText(month: Pick<SatkerMonth, "status" | "closed_at" | "closed_by" | "closed_by_name">, zone: Zone): string {
  if (month.status !== "CLOSED") return "Terbuka — angka masih dapat berubah";
  const day = month.closed_at ? ` ${formatDateMedium(zoned(month.closed_at, zone).day)}` : "";
  const who = month.closed_by_name || month.closed_by;
  return `Ditutup${day}${who ? ` oleh ${who}` : ""}`;
}

/** The last day of a "YYYY-MM" month, "YYYY-MM-DD". */
export function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/** One of the figures a row shows; `key` names it for the corrected mark and the tests. */
export interface Figure {
  key: FigureKey;
  label: string;
  /** short, for the desktop table's head */
  short: string;
  value: string;
  detail?: string;
}

export type FigureKey = "working" | "attended" | "absent" | "late" | "early" | "leave" | "permission" | "duty" | "reports" | "no-report" | "deduction";

const days = (n: number): string => formatNumber(n);

/** "2 kali · 45 menit" with the levels that occurred ("TL1: 1 · TL3: 1"); "0" when none. Day counts are bare
 * numbers: the list says once that they are working days. */
function marks(counts: Record<string, number>, minutes: number): { value: string; detail?: string } {
  const levels = Object.entries(counts).filter(([, n]) => n > 0);
  const total = levels.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return { value: "0" };
  const value = minutes ? `${formatNumber(total)} kali · ${formatDuration(minutes)}` : `${formatNumber(total)} kali`;
  return { value, detail: levels.map(([code, n]) => `${code}: ${formatNumber(n)}`).join(" · ") };
}

function byKind(items: { label: string; days: number }[]): { value: string; detail?: string } {
  const shown = items.filter((i) => i.days > 0);
  const total = shown.reduce((sum, i) => sum + i.days, 0);
  if (!total) return { value: "0" };
  return { value: formatNumber(total), detail: shown.map((i) => `${i.label}: ${formatNumber(i.days)}`).join(" · ") };
}

/** "2,5 %" */
export function percentText(value: number): string {
  return `${formatDecimal(value, 2)} %`;
}

/** Every figure of a row in the order the card and the table show them. */
export function rowFigures(f: SatkerMonthFigures): Figure[] {
  return [
    { key: "working", label: "Hari kerja", short: "Hari kerja", value: days(f.working_days) },
    { key: "attended", label: "Hadir", short: "Hadir", value: days(f.days_attended) },
    { key: "absent", label: "Tanpa keterangan (TK)", short: "TK", value: days(f.days_absent) },
    { key: "late", label: "Terlambat (TL)", short: "TL", ...marks(f.late, f.late_minutes) },
    { key: "early", label: "Pulang sebelum waktunya (PSW)", short: "PSW", ...marks(f.early, f.early_minutes) },
    { key: "leave", label: "Cuti", short: "Cuti", ...byKind(f.leave_days) },
    { key: "permission", label: "Izin", short: "Izin", ...byKind(f.permissions) },
    { key: "duty", label: "Tugas luar", short: "Tugas luar", value: days(f.official_duty_days) },
    {
      key: "reports",
      label: "Laporan disetujui",
      short: "Laporan disetujui",
      value: `${formatNumber(f.reports_approved)} dari ${formatNumber(f.reports_filed)}`,
      detail: f.reports_auto_approved ? `${formatNumber(f.reports_auto_approved)} disetujui otomatis` : undefined,
    },
    { key: "no-report", label: "Hadir tanpa laporan disetujui", short: "Hadir tanpa laporan disetujui", value: days(f.attended_without_approved_report) },
    { key: "deduction", label: "Potongan TPP", short: "Potongan", value: percentText(f.deduction_percent) },
  ];
}

/** The figure a correctable field belongs to on the card ("marks.TL2" → "late"). */
export function figureKeyOf(field: string): FigureKey {
  if (field.startsWith("leave_days.")) return "leave";
  if (field.startsWith("permissions.")) return "permission";
  if (field.startsWith("marks.TL") || field === "late_minutes") return "late";
  if (field.startsWith("marks.PSW") || field === "early_minutes") return "early";
  if (field.startsWith("reports_")) return "reports";
  const plain: Record<string, FigureKey> = {
    working_days: "working",
    days_attended: "attended",
    days_absent: "absent",
    official_duty_days: "duty",
    attended_without_approved_report: "no-report",
    deduction_percent: "deduction",
  };
  return plain[field] ?? "working";
}

/** Which figures of the row a correction changed. */
export function correctedKeys(row: Pick<SatkerMonthRow, "corrected">): Set<FigureKey> {
  return new Set(row.corrected.map(figureKeyOf));
}

/** A correctable figure's value now, by its name ("days_absent", "marks.TL2", "leave_days.SAKIT"). */
export function figureValue(f: SatkerMonthFigures, field: string): number {
  const [group, key] = field.split(".", 2);
  if (key === undefined) {
    const value = (f as unknown as Record<string, unknown>)[field];
    return typeof value === "number" ? value : 0;
  }
  if (group === "marks") return f.late[key] ?? f.early[key] ?? 0;
  if (group === "leave_days") return f.leave_days.find((l) => l.type === key)?.days ?? 0;
  if (group === "permissions") return f.permissions.find((p) => p.kind === key)?.days ?? 0;
  return 0;
}

/** A figure's value as written: "2,5 %" for the deduction, else "3". */
export function valueText(field: string, value: number): string {
  return field === "deduction_percent" ? percentText(value) : formatDecimal(value, 2);
}

export interface CorrectionForm {
  field: string;
  value: string;
  reason: string;
  day: string;
}

/**
 * The body to send, or the messages at the fields (ids `correction-field`, `correction-new`, `correction-reason`,
 * `correction-day`). The deduction takes decimals ("1,5"); every other figure a whole number of 0 or more.
 */
export function correctionBody(
  form: CorrectionForm,
  nip: string,
  month: string,
  version: number,
): { body: CorrectionBody | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!form.field) errors["correction-field"] = "Pilih angka yang dikoreksi.";
  const text = form.value.trim().replace(/\./g, "").replace(",", ".");
  const value = Number(text);
  if (!text || !Number.isFinite(value)) errors["correction-new"] = "Isi nilai baru dengan angka.";
  else if (form.field === "deduction_percent" && (value < 0 || value > 100)) errors["correction-new"] = "Potongan harus angka 0 sampai 100.";
  else if (form.field !== "deduction_percent" && (!Number.isInteger(value) || value < 0))
    errors["correction-new"] = "Nilai baru harus bilangan bulat 0 atau lebih.";
  const reason = form.reason.trim();
  if (reason.length < MIN_REASON || reason.length > MAX_REASON)
    errors["correction-reason"] = `Alasan koreksi wajib diisi, ${MIN_REASON}–${MAX_REASON} karakter.`;
  if (form.day && (form.day.slice(0, 7) !== month || form.day > lastDay(month)))
    errors["correction-day"] = `Tanggal harus di bulan ${formatMonth(month)}.`;
  if (Object.keys(errors).length) return { body: null, errors };
  const body: CorrectionBody = { nip, field: form.field, new: value, reason, version };
  if (form.day) body.day = form.day;
  return { body, errors };
}

/** The API's field of a refusal → the form's field id. */
export function correctionFieldId(field: string | undefined): string | null {
  if (!field) return null;
  const known: Record<string, string> = { field: "correction-field", new: "correction-new", reason: "correction-reason", day: "correction-day" };
  return known[field] ?? null;
}
