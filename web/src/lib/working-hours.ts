/**
 * The working-hours form (issue 20, HR's "Jam kerja"): the API's answer as an editable form and back. Weekdays are
 * numbered as the server numbers them (0 = Senin … 6 = Minggu); times are "HH:MM" in the inputs and "07.30" in text.
 */
import type { Schemas } from "@/api/client";

export type WorkingHours = Schemas["WorkingHours"];
export type WorkingHoursInput = Schemas["WorkingHoursInput"];

export const WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

export interface DayRow {
  weekday: number;
  check_in: string;
  check_out: string;
  break_minutes: number;
}

export interface ExceptionRow {
  first: string;
  last: string;
  note: string;
  off: boolean;
  hours: DayRow[];
}

export interface HoursForm {
  days_per_week: 5 | 6;
  weekly: DayRow[];
  exceptions: ExceptionRow[];
  version: number;
}

/** Perpres 21/2023 (the server's defaults): Senin–Kamis 07.30–16.00, Jumat 07.30–16.30; 6 days: an example. */
export function defaultRows(days: 5 | 6): DayRow[] {
  if (days === 6) {
    return [0, 1, 2, 3, 4, 5].map((d) => ({ weekday: d, check_in: "07:30", check_out: d === 5 ? "12:30" : "14:30", break_minutes: d === 5 ? 0 : 30 }));
  }
  return [0, 1, 2, 3, 4].map((d) => ({ weekday: d, check_in: "07:30", check_out: d === 4 ? "16:30" : "16:00", break_minutes: d === 4 ? 90 : 60 }));
}

/** Ramadan hours (Perpres 21/2023): Senin–Kamis 08.00–15.00, Jumat 08.00–15.30. */
export function ramadanRows(): DayRow[] {
  return [0, 1, 2, 3, 4].map((d) => ({ weekday: d, check_in: "08:00", check_out: d === 4 ? "15:30" : "15:00", break_minutes: d === 4 ? 60 : 30 }));
}

function rowsOf(hours: WorkingHours["weekly"]): DayRow[] {
  return Object.entries(hours)
    .map(([d, h]) => ({ weekday: Number(d), check_in: h.check_in, check_out: h.check_out, break_minutes: h.break_minutes }))
    .sort((a, b) => a.weekday - b.weekday);
}

export function toForm(hours: WorkingHours): HoursForm {
  return {
    days_per_week: hours.days_per_week === 6 ? 6 : 5,
    weekly: rowsOf(hours.weekly),
    exceptions: hours.exceptions.map((e) => ({ first: e.first, last: e.last, note: e.note, off: e.off, hours: rowsOf(e.hours) })),
    version: hours.version,
  };
}

/** The pattern changed: keep the rows of the days both patterns share, add the new day's default, drop Saturday. */
export function changePattern(form: HoursForm, days: 5 | 6): void {
  const kept = form.weekly.filter((r) => r.weekday < days);
  for (const row of defaultRows(days)) if (!kept.some((r) => r.weekday === row.weekday)) kept.push(row);
  form.days_per_week = days;
  form.weekly = kept.sort((a, b) => a.weekday - b.weekday);
}

function hoursBody(rows: DayRow[]): WorkingHoursInput["weekly"] {
  const out: Record<string, { check_in: string; check_out: string; break_minutes: number }> = {};
  for (const r of rows) out[String(r.weekday)] = { check_in: r.check_in, check_out: r.check_out, break_minutes: Number(r.break_minutes) || 0 };
  return out as WorkingHoursInput["weekly"];
}

export function toBody(form: HoursForm, version: number): WorkingHoursInput {
  return {
    days_per_week: form.days_per_week,
    weekly: hoursBody(form.weekly),
    exceptions: form.exceptions.map((e) => ({ first: e.first, last: e.last, note: e.note, off: e.off, hours: e.off ? {} : hoursBody(e.hours) })),
    version,
  } as WorkingHoursInput;
}

/** "07:30" → "07.30" (how times are written for people). */
export function dotted(hhmm: string): string {
  return hhmm.replace(":", ".");
}

/** "Senin 07.30–16.00" */
export function rowText(row: DayRow): string {
  return `${WEEKDAY_NAMES[row.weekday]} ${dotted(row.check_in)}–${dotted(row.check_out)}`;
}

/** The id of the input an API field names ("weekly.2.check_out" → "weekly-2-check_out"), for the error's link. */
export function fieldId(field: string): string {
  return field.replaceAll(".", "-");
}

/** "37 jam 30 menit" */
export function weeklyText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} jam ${m} menit` : `${h} jam`;
}

export const SOURCE_TEXT: Record<string, string> = {
  SATKER: "Jam kerja satker ini sendiri",
  SKPD: "Mengikuti jam kerja SKPD",
  DEFAULT: "Bawaan (Perpres 21/2023) — belum pernah diatur",
};
