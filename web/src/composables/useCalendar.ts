/** The month calendar (GET /attendance/calendar) and the sums the pages show from it. */
import { api, unwrap, type CalendarDay, type Schemas } from "@/api/client";
import { formatTime, type Zone } from "@/lib/format";
import { SOURCE_LABELS } from "@/lib/words";

export type AttendanceSession = "PAGI" | "SORE";

/** One source's record of a session, as a person reads it: "Mesin presensi 07.27 WIB", "Pengaduan disetujui". */
export interface SourceLine {
  source: string;
  text: string;
}

export async function fetchMonth(month: string): Promise<CalendarDay[]> {
  return (await fetchCalendar(month)).days;
}

/** The whole month's answer: its days and its figures so far (issue 20's "Rekap bulan ini"). */
export async function fetchCalendar(month: string): Promise<Schemas["Calendar"]> {
  return unwrap(api().GET("/attendance/calendar", { params: { query: { month } } }));
}

export function reportTotal(day: CalendarDay | undefined): number {
  const r: Schemas["ReportCounts"] = day?.reports ?? {};
  return (r.SUBMITTED ?? 0) + (r.APPROVED ?? 0) + (r.REJECTED ?? 0);
}

export function sumStatus(days: CalendarDay[], status: "SUBMITTED" | "APPROVED" | "REJECTED"): number {
  return days.reduce((sum, d) => sum + (d.reports?.[status] ?? 0), 0);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Every source that recorded ``session`` of ``day``, each with its own time: the machine's 07.27 is never hidden
 * behind the app's 08.31. An approved complaint has no clock time.
 */
export function sessionLines(day: CalendarDay | null | undefined, session: AttendanceSession, zone: Zone): SourceLine[] {
  return (day?.source_times ?? [])
    .filter((r) => r.sessions.includes(session))
    .map((r) => {
      const label = SOURCE_LABELS[r.source] ?? "Sumber lain";
      const at = session === "PAGI" ? r.check_in : r.check_out;
      if (r.source === "PENGADUAN") return { source: r.source, text: `${label} disetujui` };
      return { source: r.source, text: at ? `${label} ${formatTime(at, zone)}` : label };
    });
}

/** Whether any source (machine, app, approved complaint) recorded ``session``: only when none did is it offered. */
export function sessionRecorded(day: CalendarDay | null | undefined, session: AttendanceSession): boolean {
  return Boolean(day?.recorded_sessions.includes(session));
}
