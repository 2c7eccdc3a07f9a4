import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import StatusTimeline from "./StatusTimeline.vue";

describe("StatusTimeline", () => {
  const steps = [
    { label: "Dicatat", at: "2026-12-14T01:00:00+00:00", detail: "Pengadilan Agama Kota" },
    { label: "Diteruskan ke pimpinan", at: null, done: false },
  ];

  it("shows each step's words, its line and its moment as lists read it, in the zone given", () => {
    const items = mount(StatusTimeline, { props: { steps, zone: "WITA", stepTestid: "request-step" } }).findAll('[data-testid="request-step"]');
    expect(items).toHaveLength(2);
    expect(items[0].text()).toContain("Dicatat");
    expect(items[0].text()).toContain("Pengadilan Agama Kota");
    expect(items[0].find("time").text()).toBe("14 Des 2026, 09.00 WITA");
    expect(items[0].find("time").attributes("datetime")).toBe("2026-12-14T01:00:00+00:00");
  });

  it("says Menunggu for a step still to come and marks only the done ones", () => {
    const items = mount(StatusTimeline, { props: { steps } }).findAll("li");
    expect(items[0].find("time").text()).toBe("14 Des 2026, 08.00 WIB");
    expect(items[1].text()).toContain("Menunggu");
    expect(items[1].find("time").exists()).toBe(false);
    expect(items.map((li) => li.classes().includes("done"))).toEqual([true, false]);
  });
});
