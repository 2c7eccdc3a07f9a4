import { describe, expect, it } from "vitest";
import type { CalendarDay } from "@/api/client";
import { sessionLines, sessionRecorded } from "./useCalendar";

function day(extra: Partial<CalendarDay> = {}): CalendarDay {
  return {
    date: "2026-12-07",
    weekend: false,
    holiday: null,
    working_day: true,
    attended: false,
    sources: [],
    source_times: [],
    recorded_sessions: [],
    check_in: null,
    check_out: null,
    reports: {},
    ...extra,
  };
}

describe("sessionLines", () => {
  it("shows every source of a session with its own time, the machine's beside the app's", () => {
    const dewi = day({
      attended: true,
      sources: ["SYNC", "NATIVE"],
      source_times: [
        { source: "SYNC", check_in: "07:27", check_out: null, sessions: ["PAGI"] },
        { source: "NATIVE", check_in: "08:31", check_out: "16:05", sessions: ["PAGI", "SORE"] },
      ],
      recorded_sessions: ["PAGI", "SORE"],
    });
    expect(sessionLines(dewi, "PAGI", "WIB").map((l) => l.text)).toEqual(["Mesin presensi 07.27 WIB", "Aplikasi 08.31 WIB"]);
    expect(sessionLines(dewi, "SORE", "WIB").map((l) => l.text)).toEqual(["Aplikasi 16.05 WIB"]);
  });

  it("writes an approved complaint without a time, and nothing before the day is known", () => {
    const complaint = day({ source_times: [{ source: "PENGADUAN", check_in: null, check_out: null, sessions: ["PAGI"] }], recorded_sessions: ["PAGI"] });
    expect(sessionLines(complaint, "PAGI", "WITA")).toEqual([{ source: "PENGADUAN", text: "Pengaduan disetujui" }]);
    expect(sessionLines(complaint, "SORE", "WITA")).toEqual([]);
    expect(sessionLines(undefined, "PAGI", "WIB")).toEqual([]);
  });
});

describe("sessionRecorded", () => {
  it("is true when any source recorded the session", () => {
    const machine = day({ recorded_sessions: ["PAGI"] });
    expect(sessionRecorded(machine, "PAGI")).toBe(true);
    expect(sessionRecorded(machine, "SORE")).toBe(false);
    expect(sessionRecorded(null, "PAGI")).toBe(false);
  });
});
