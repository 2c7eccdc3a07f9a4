import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import MonthCalendar from "./MonthCalendar.vue";

function day(date: string, extra: Record<string, unknown> = {}) {
  return { date, weekend: false, holiday: null, working_day: true, attended: false, sources: [], source_times: [], recorded_sessions: [], check_in: null, check_out: null, reports: {}, ...extra };
}

describe("MonthCalendar", () => {
  const days = [
    day("2026-11-02", { attended: true, reports: { APPROVED: 1, SUBMITTED: 1 } }),
    day("2026-11-03", { attended: true }),
    day("2026-11-04"),
    day("2026-11-08", { weekend: true, working_day: false }),
    day("2026-11-10", { holiday: "Hari Pahlawan", working_day: false }),
  ];

  it("starts the week on Monday and marks days with reports with a green check", () => {
    const calendar = mount(MonthCalendar, { props: { month: "2026-11", days, today: "2026-11-03" } });
    expect(calendar.findAll("th").map((th) => th.text())).toEqual(["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]);
    const first = calendar.get('[data-date="2026-11-02"]');
    expect(first.find(".mark.check").exists()).toBe(true);
    expect(first.attributes("aria-label")).toBe("Senin, 2 November 2026, hadir, 2 laporan");
    expect(calendar.get('[data-date="2026-11-03"]').find(".mark.dot").exists()).toBe(true);
    expect(calendar.get('[data-date="2026-11-03"]').classes()).toContain("today");
    expect(calendar.get('[data-date="2026-11-10"]').attributes("aria-label")).toContain("libur: Hari Pahlawan");
    expect(calendar.get("h2").text()).toBe("November 2026");
  });

  it("asks for another month and reports the chosen day", async () => {
    const calendar = mount(MonthCalendar, { props: { month: "2026-11", days, today: "2026-11-03" } });
    await calendar.get('[data-date="2026-11-04"]').trigger("click");
    expect(calendar.emitted("select")?.[0]).toEqual(["2026-11-04"]);
    await calendar.findAll("button.ghost")[1].trigger("click");
    expect(calendar.emitted("month")?.[0]).toEqual([1]);
  });

  it("shows each day's class in words (not colour alone) and explains the codes in a legend", () => {
    const classed = [
      day("2026-11-02", { attended: true, discipline: { mark: "TL1", short: "TL1", mark_label: "Masuk: Terlambat 1–30 menit (TL1) · 12 menit; Pulang: Tepat waktu", minutes_late: 12 } }),
      day("2026-11-03", { discipline: { mark: "TANPA_KETERANGAN", short: "TK", mark_label: "Tidak masuk tanpa keterangan" } }),
      day("2026-11-04", { attended: true, discipline: { mark: "TEPAT_WAKTU", short: "Tepat", mark_label: "Masuk: Tepat waktu; Pulang: Tepat waktu" } }),
      day("2026-11-08", { weekend: true, working_day: false, discipline: { mark: "LIBUR", short: "Libur", mark_label: "Bukan hari kerja" } }),
    ];
    const calendar = mount(MonthCalendar, { props: { month: "2026-11", days: classed, today: "2026-11-20" } });
    const late = calendar.get('[data-date="2026-11-02"]');
    expect(late.get('[data-testid="day-class"]').text()).toBe("TL1");
    expect(late.get('[data-testid="day-class"]').classes()).toContain("warn");
    expect(late.attributes("aria-label")).toBe("2 TL1, Senin, 2 November 2026, hadir");
    expect(calendar.get('[data-date="2026-11-03"] [data-testid="day-class"]').text()).toBe("TK");
    expect(calendar.get('[data-date="2026-11-04"] [data-testid="day-class"]').text()).toBe("Tepat");
    expect(calendar.find('[data-date="2026-11-08"] [data-testid="day-class"]').exists()).toBe(false); // the grey cell says it
    expect(calendar.get('[data-testid="class-legend"]').text()).toContain("TL1–TL4: terlambat 1–30, 31–60, 61–90, lebih dari 90 menit");
  });

  it("says the SKPD's own minute bands in the legend", () => {
    const calendar = mount(MonthCalendar, { props: { month: "2026-11", days: [], today: "2026-11-20", bands: [15, 45, 90] } });
    expect(calendar.get('[data-testid="class-legend"]').text()).toContain("terlambat 1–15, 16–45, 46–90, lebih dari 90 menit");
  });

  it("lays out the month's weeks before its days load, as numbers that are not yet buttons", () => {
    const calendar = mount(MonthCalendar, { props: { month: "2027-02", days: [], today: "2026-11-03", busy: true } });
    expect(calendar.findAll("tbody tr")).toHaveLength(4); // February 2027 starts on a Monday: four full weeks
    expect(calendar.findAll(".cal-day.loading")).toHaveLength(28);
    expect(calendar.findAll("tbody button")).toHaveLength(0);
    expect(calendar.get(".calendar").attributes("aria-busy")).toBe("true");
  });
});
