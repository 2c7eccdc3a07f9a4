import { describe, expect, it } from "vitest";
import {
  addDays,
  addMinutes,
  formatDateLong,
  formatDateShort,
  formatDecimal,
  formatDuration,
  formatMoment,
  formatMonth,
  formatNip,
  formatNumber,
  formatSize,
  formatTime,
  formatTimeRange,
  formatWhatsapp,
  mondayOf,
  todayIn,
} from "./format";

describe("dates", () => {
  it("writes headings and lists the Indonesian way", () => {
    expect(formatDateLong("2026-11-25")).toBe("Rabu, 25 November 2026");
    expect(formatDateShort("2026-11-25")).toBe("25 Nov 2026");
    expect(formatDateShort("2026-08-01")).toBe("1 Agu 2026");
    expect(formatMonth("2026-02")).toBe("Februari 2026");
  });

  it("counts days across months and finds the Monday of a week", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(mondayOf("2026-11-25")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // Sunday belongs to the week before
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
  });

  it("knows today in the employee's zone, not the device's", () => {
    const late = new Date("2026-11-25T17:30:00Z"); // 00.30 WIB on the 26th
    expect(todayIn("WIB", late)).toBe("2026-11-26");
    const early = new Date("2026-11-25T16:30:00Z"); // 23.30 WIB, 00.30 WITA, 01.30 WIT
    expect(todayIn("WIB", early)).toBe("2026-11-25");
    expect(todayIn("WITA", early)).toBe("2026-11-26");
    expect(todayIn("WIT", early)).toBe("2026-11-26");
  });

  it("prints a moment in the zone", () => {
    expect(formatMoment("2026-11-25T01:00:00Z", "WIB")).toBe("25 Nov 2026, 08.00 WIB");
    expect(formatMoment("2026-11-25T08:00:00+07:00", "WIT")).toBe("25 Nov 2026, 10.00 WIT");
  });
});

describe("times and durations", () => {
  it("writes times with a dot and the zone", () => {
    expect(formatTime("08:00", "WIB")).toBe("08.00 WIB");
    expect(formatTime("16:30:00")).toBe("16.30");
    expect(formatTime(null)).toBe("");
    expect(formatTimeRange("08:00", "10:30", "WITA")).toBe("08.00–10.30 WITA");
  });

  it("writes durations in hours and minutes", () => {
    expect(formatDuration(150)).toBe("2 jam 30 menit");
    expect(formatDuration(60)).toBe("1 jam");
    expect(formatDuration(45)).toBe("45 menit");
    expect(formatDuration(0)).toBe("0 menit");
  });

  it("adds a template's duration to a start time, never past midnight", () => {
    expect(addMinutes("08:00", 90)).toBe("09:30");
    expect(addMinutes("23:00", 90)).toBeNull();
  });
});

describe("numbers", () => {
  it("uses Indonesian separators", () => {
    expect(formatNumber(1234)).toBe("1.234");
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatNumber(0.75, 2)).toBe("0,75");
    expect(formatNumber(-1234.5, 1)).toBe("-1.234,5");
    expect(formatDecimal(4.5)).toBe("4,5");
    expect(formatDecimal(4)).toBe("4");
    expect(formatDecimal(4.25)).toBe("4,25");
  });

  it("prints NIPs, WhatsApp numbers and sizes", () => {
    expect(formatNip("199001152015032001")).toBe("19900115 201503 2 001");
    expect(formatNip("123")).toBe("123");
    expect(formatWhatsapp("6281234567890")).toBe("+62 812-3456-7890");
    expect(formatWhatsapp("6281234567801")).toBe("+62 812-3456-7801"); // the edit form's initial value
    expect(formatWhatsapp("628123456789")).toBe("+62 812-3456-789");
    expect(formatWhatsapp(null)).toBe("");
    expect(formatSize(1536 * 1024)).toBe("1,5 MB");
    expect(formatSize(320 * 1024)).toBe("320 KB");
  });
});
