import { describe, expect, it } from "vitest";
import { roundToFive, templateTimes } from "./template-times";

describe("template times", () => {
  it("rounds now to the nearest five minutes, never past 23:55", () => {
    expect(roundToFive("12:33")).toBe("12:35");
    expect(roundToFive("12:32")).toBe("12:30");
    expect(roundToFive("09:00")).toBe("09:00");
    expect(roundToFive("23:58")).toBe("23:55");
  });

  it("starts now (rounded) and ends after the template's duration", () => {
    expect(templateTimes(90, "13:02")).toEqual({ start: "13:00", end: "14:30" });
  });

  it("uses the template's own start time when it has one", () => {
    expect(templateTimes(60, "13:02", "08:00:00")).toEqual({ start: "08:00", end: "09:00" });
    expect(templateTimes(60, "13:02", "23:30")).toEqual({ start: "23:30", end: null });
  });

  it("late in the evening ends the span now instead of passing midnight", () => {
    expect(templateTimes(120, "23:01")).toEqual({ start: "21:00", end: "23:00" });
  });
});
