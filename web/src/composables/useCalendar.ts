/** The month calendar (GET /attendance/calendar) and the sums the pages show from it. */
import { api, unwrap, type CalendarDay, type Schemas } from "@/api/client";

export async function fetchMonth(month: string): Promise<CalendarDay[]> {
  const body = await unwrap(api().GET("/attendance/calendar", { params: { query: { month } } }));
  return body.days;
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
