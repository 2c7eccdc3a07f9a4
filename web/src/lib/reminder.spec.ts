import { describe, expect, it } from "vitest";
import { nextReminder } from "./reminder";

const base = { reportedToday: false, holidays: new Set<string>() };

describe("nextReminder", () => {
  it("is nothing when reminders are off", () => {
    expect(nextReminder({ enabled: false, frequency: "DAILY", time: "16:00" }, { ...base, day: "2026-11-25", time: "08:00" })).toBeNull();
  });

  it("is today when the time is still ahead and no report is filed", () => {
    expect(nextReminder({ enabled: true, frequency: "DAILY", time: "16:00" }, { ...base, day: "2026-11-25", time: "08:00" })).toBe("2026-11-25");
  });

  it("skips today once the report is filed, and weekends and holidays", () => {
    const friday = { ...base, day: "2026-11-27", time: "08:00", reportedToday: true };
    expect(nextReminder({ enabled: true, frequency: "DAILY", time: "16:00" }, friday)).toBe("2026-11-30");
    const holiday = { ...friday, holidays: new Set(["2026-11-30"]) };
    expect(nextReminder({ enabled: true, frequency: "DAILY", time: "16:00" }, holiday)).toBe("2026-12-01");
  });

  it("finds the weekday of a weekly reminder (1 = Monday)", () => {
    expect(nextReminder({ enabled: true, frequency: "WEEKLY", time: "16:00", weekday: 5 }, { ...base, day: "2026-11-25", time: "17:00" })).toBe("2026-11-27");
  });

  it("uses the last day for a monthly day beyond the month's end", () => {
    expect(
      nextReminder({ enabled: true, frequency: "MONTHLY", time: "16:00", day_of_month: 31 }, { ...base, day: "2026-04-02", time: "08:00" }),
    ).toBe("2026-04-30");
  });
});
