/**
 * Indonesian formats (UI.md "Formats"): "Rabu, 25 November 2026" in headings, "25 Nov 2026" in
 * lists, "08.00 WIB", "2 jam 30 menit", "1.234" and "0,75". Written out by hand rather than with
 * Intl so every browser (and the tests) prints exactly the same words.
 */

export type Zone = "WIB" | "WITA" | "WIT";

export const MONTHS = [
  "Januari", "Februari", "Maret", "April", "Mei", "Juni",
  "Juli", "Agustus", "September", "Oktober", "November", "Desember",
];
export const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
/** Index 0 = Sunday, as Date.getUTCDay(). */
export const WEEKDAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
export const WEEKDAYS_SHORT = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"];

const ZONE_OFFSET_HOURS: Record<Zone, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** "2026-11-25" → a Date at UTC midnight of that day (weekday arithmetic without time zones). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A Date (its UTC calendar day) → "2026-11-25". */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

export function weekday(day: string): number {
  return parseDay(day).getUTCDay();
}

/** "Rabu, 25 November 2026" */
export function formatDateLong(day: string): string {
  const date = parseDay(day);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "25 November 2026" */
export function formatDateMedium(day: string): string {
  const date = parseDay(day);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "25 Nov 2026" */
export function formatDateShort(day: string): string {
  const date = parseDay(day);
  return `${date.getUTCDate()} ${MONTHS_SHORT[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "2026-11" → "November 2026" */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** "08:00" (or "08:00:00") → "08.00 WIB"; without a zone "08.00". */
export function formatTime(time: string | null | undefined, zone?: Zone): string {
  if (!time) return "";
  const text = time.slice(0, 5).replace(":", ".");
  return zone ? `${text} ${zone}` : text;
}

/** "08:00"–"10:30" → "08.00–10.30 WIB" */
export function formatTimeRange(start: string, end: string, zone?: Zone): string {
  return `${formatTime(start)}–${formatTime(end, zone)}`;
}

/** minutes → "2 jam 30 menit", "1 jam", "45 menit". */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours && rest) return `${hours} jam ${rest} menit`;
  if (hours) return `${hours} jam`;
  return `${rest} menit`;
}

/** Minutes between two "HH:MM" times of one day. */
export function minutesBetween(start: string, end: string): number {
  return toMinutes(end) - toMinutes(start);
}

export function toMinutes(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** "08:00" + 150 → "10:30"; null when it would pass midnight. */
export function addMinutes(time: string, minutes: number): string | null {
  const total = toMinutes(time) + minutes;
  if (total >= 24 * 60 || total < 0) return null;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** 1234 → "1.234"; 0.75 with 2 decimals → "0,75"; -1234.5 with 1 → "-1.234,5". */
export function formatNumber(value: number, decimals = 0): string {
  const negative = value < 0;
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${negative ? "-" : ""}${grouped}${fraction ? "," + fraction : ""}`;
}

/** Up to `decimals` decimals, without trailing zeros: 4.5 → "4,5", 4 → "4", 4.25 → "4,25". */
export function formatDecimal(value: number, decimals = 2): string {
  const text = formatNumber(value, decimals);
  return text.includes(",") ? text.replace(/,?0+$/, "") : text;
}

/** A moment (ISO 8601 with offset or Z) in the employee's zone. */
export function zoned(iso: string, zone: Zone): { day: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + ZONE_OFFSET_HOURS[zone] * 3600_000);
  const text = shifted.toISOString();
  return { day: text.slice(0, 10), time: text.slice(11, 16) };
}

/** "25 Nov 2026, 08.00 WIB" */
export function formatMoment(iso: string, zone: Zone): string {
  const { day, time } = zoned(iso, zone);
  return `${formatDateShort(day)}, ${formatTime(time, zone)}`;
}

/** Today's date ("2026-11-25") in the zone, from the device clock. */
export function todayIn(zone: Zone, now: Date = new Date()): string {
  return zoned(now.toISOString(), zone).day;
}

/** Now ("HH:MM") in the zone. */
export function nowIn(zone: Zone, now: Date = new Date()): string {
  return zoned(now.toISOString(), zone).time;
}

/** Monday of the week of `day`. */
export function mondayOf(day: string): string {
  const wd = weekday(day);
  return addDays(day, wd === 0 ? -6 : 1 - wd);
}

/** "199001152015032001" → "19900115 201503 2 001" (how a NIP is printed on official papers). */
export function formatNip(nip: string | null | undefined): string {
  if (!nip) return "";
  if (!/^\d{18}$/.test(nip)) return nip;
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
}

/** "6281234567890" → "+62 812-3456-7890" */
export function formatWhatsapp(number: string | null | undefined): string {
  if (!number) return "";
  if (!number.startsWith("62")) return number;
  const rest = number.slice(2);
  const parts = [rest.slice(0, 3), rest.slice(3, 7), rest.slice(7)].filter(Boolean);
  return `+62 ${parts.join("-")}`;
}

/** Bytes → "1,5 MB", "320 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatDecimal(bytes / (1024 * 1024), 1)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
