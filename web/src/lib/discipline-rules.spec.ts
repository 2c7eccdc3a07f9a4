import { describe, expect, it } from "vitest";
import { bandsText, parsePercent, rulesFieldId, toRulesBody, toRulesForm } from "./discipline-rules";

const RULES = { bands: [30, 60, 90], late: [0.5, 1, 1.25, 1.5], early: [0.5, 1, 1.25, 1.5], absent_per_day: 2.5, absent_full_after: 10 };

describe("discipline rules form", () => {
  it("shows percentages the Indonesian way and sends numbers back", () => {
    const form = toRulesForm(RULES, 3);
    expect(form.late).toEqual(["0,5", "1", "1,25", "1,5"]);
    expect(form.absent_per_day).toBe("2,5");
    form.late[0] = "0.75";
    form.absent_full_after = "";
    const { body, errors } = toRulesBody(form);
    expect(errors).toEqual({});
    expect(body).toEqual({ bands: [30, 60, 90], late: [0.75, 1, 1.25, 1.5], early: [0.5, 1, 1.25, 1.5], absent_per_day: 2.5, absent_full_after: null, version: 3 });
  });

  it("names the fields that are not numbers before anything is sent", () => {
    const form = toRulesForm(RULES, 0);
    form.early[2] = "satu";
    form.bands[1] = "";
    const { body, errors } = toRulesBody(form);
    expect(body).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["rules-bands-1", "rules-early-2"]);
  });

  it("parses percentages and maps the API's fields to controls", () => {
    expect(parsePercent("1,25")).toBe(1.25);
    expect(parsePercent(" 3 ")).toBe(3);
    expect(parsePercent("-1")).toBeNull();
    expect(rulesFieldId("late.2")).toBe("rules-late-2");
    expect(rulesFieldId("bands")).toBe("rules-bands-0");
    expect(rulesFieldId("absent_per_day")).toBe("rules-absent_per_day");
  });

  it("says the bands in words", () => {
    expect(bandsText(["30", "60", "90"])).toBe("Tingkat 1: 1–30 menit · Tingkat 2: 31–60 menit · Tingkat 3: 61–90 menit · Tingkat 4: lebih dari 90 menit");
    expect(bandsText(["30", "x", "90"])).toBe("");
  });
});
