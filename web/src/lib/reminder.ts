/** When the next reminder goes out, as the dispatcher decides it (SPEC §5): working days only. */
import { addDays, parseDay, weekday } from "./format";

export interface ReminderSettings {
  enabled: boolean;
  frequency: "DAILY" | "WEEKLY" | "MONTHLY" | string;
  time: string;
  weekday?: number | null;
  day_of_month?: number | null;
}

export interface Today {
  day: string;
  time: string;
  /** Today's report is already filed (no reminder is then sent today). */
  reportedToday: boolean;
  /** Known holidays (YYYY-MM-DD). */
  holidays: Set<string>;
}

function lastDayOfMonth(day: string): number {
  const date = parseDay(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

function isWorking(day: string, holidays: Set<string>): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !holidays.has(day);
}

function scheduled(settings: ReminderSettings, day: string): boolean {
  if (settings.frequency === "DAILY") return true;
  if (settings.frequency === "WEEKLY") {
    const iso = weekday(day) === 0 ? 7 : weekday(day);
    return iso === settings.weekday;
  }
  if (settings.frequency === "MONTHLY") {
    const wanted = Math.min(settings.day_of_month ?? 1, lastDayOfMonth(day));
    return Number(day.slice(8)) === wanted;
  }
  return false;
}

/** The day of the next reminder ("YYYY-MM-DD"), or null when reminders are off. */
export function nextReminder(settings: ReminderSettings | null, today: Today): string | null {
  if (!settings?.enabled) return null;
  const time = settings.time.slice(0, 5);
  for (let n = 0; n < 70; n++) {
    const day = addDays(today.day, n);
    if (n === 0 && (today.time >= time || today.reportedToday)) continue;
    if (scheduled(settings, day) && isWorking(day, today.holidays)) return day;
  }
  return null;
}
