import { describe, expect, it } from "vitest";
import { changePattern, defaultRows, dotted, fieldId, rowText, toBody, toForm, weeklyText, type HoursForm } from "./working-hours";

describe("the working-hours form", () => {
  const answer = {
    skpd_id: "S",
    satker_id: null,
    source: "SKPD",
    version: 3,
    days_per_week: 5,
    zone: "WIB",
    weekday_labels: [],
    weekly_net_minutes: 2250,
    weekly: { "4": { check_in: "07:30", check_out: "16:30", break_minutes: 90, label: "07.30–16.30" }, "0": { check_in: "07:30", check_out: "16:00", break_minutes: 60, label: "07.30–16.00" } },
    exceptions: [{ first: "2027-01-04", last: "2027-01-04", note: "Kerja bakti", off: true, hours: {}, label: "4 Januari 2027" }],
  } as never;

  it("turns the answer into rows by weekday and back into the body", () => {
    const form = toForm(answer);
    expect(form.weekly.map((r) => r.weekday)).toEqual([0, 4]);
    expect(form.version).toBe(3);
    const body = toBody(form, form.version);
    expect(body.weekly["4"]).toEqual({ check_in: "07:30", check_out: "16:30", break_minutes: 90 });
    expect(body.exceptions?.[0]).toEqual({ first: "2027-01-04", last: "2027-01-04", note: "Kerja bakti", off: true, hours: {} });
    expect(body.version).toBe(3);
  });

  it("keeps the shared weekdays when the pattern changes", () => {
    const form: HoursForm = { days_per_week: 5, weekly: defaultRows(5), exceptions: [], version: 0 };
    form.weekly[0].check_in = "08:00";
    changePattern(form, 6);
    expect(form.weekly.map((r) => r.weekday)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(form.weekly[0].check_in).toBe("08:00");
    changePattern(form, 5);
    expect(form.weekly.map((r) => r.weekday)).toEqual([0, 1, 2, 3, 4]);
  });

  it("writes times for people and finds the input of an API field", () => {
    expect(dotted("07:30")).toBe("07.30");
    expect(rowText({ weekday: 4, check_in: "07:30", check_out: "16:30", break_minutes: 90 })).toBe("Jumat 07.30–16.30");
    expect(fieldId("weekly.2.check_out")).toBe("weekly-2-check_out");
    expect(weeklyText(2250)).toBe("37 jam 30 menit");
    expect(weeklyText(2400)).toBe("40 jam");
  });
});
