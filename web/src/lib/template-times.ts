/**
 * The times a template puts on the report form (issue 18, item 2): without them the first send failed with
 * "Isi jam mulai", though the form promised the template fills the times. The start is the template's own
 * start when it has one, else now rounded to five minutes (the time field's step) in the employee's zone;
 * the end is the start plus the template's duration.
 */
import { addMinutes, toMinutes } from "./format";

const LAST_SLOT = 23 * 60 + 55;

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** "12:33" → "12:35", "12:32" → "12:30"; never past 23:55 (a report does not cross midnight). */
export function roundToFive(time: string): string {
  return clock(Math.min(LAST_SLOT, Math.round(toMinutes(time) / 5) * 5));
}

/**
 * Start and end for a template of `duration` minutes chosen at `now` ("HH:MM" in the employee's zone).
 * Late in the evening, when now + duration would pass midnight, the span ends now instead (the activity just
 * ended, which is when people write it down); a template's own start that would pass midnight gets no end.
 */
export function templateTimes(duration: number, now: string, ownStart?: string | null): { start: string; end: string | null } {
  if (ownStart && /^\d\d:\d\d/.test(ownStart)) {
    const start = ownStart.slice(0, 5);
    return { start, end: addMinutes(start, duration) };
  }
  const start = roundToFive(now);
  const end = addMinutes(start, duration);
  if (end) return { start, end };
  return { start: clock(Math.max(0, toMinutes(start) - duration)), end: start };
}
