import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import ChoiceChips from "./ChoiceChips.vue";

const chips = [
  { value: "report", text: "Laporan kegiatan", count: 1200, testid: "kind-laporan" },
  { value: "leave_consideration", text: "Pertimbangan cuti", count: 2 },
];

describe("ChoiceChips", () => {
  it("is a labelled group of radio buttons with the counts, the chosen one checked", () => {
    const row = mount(ChoiceChips, { props: { name: "kind", label: "Jenis", chips, chosen: "report" } });
    expect(row.get("nav").attributes("aria-label")).toBe("Jenis");
    expect(row.findAll("label").map((l) => l.text())).toEqual(["Laporan kegiatan 1.200", "Pertimbangan cuti 2"]);
    const radios = row.findAll<HTMLInputElement>("input[type=radio]");
    expect(radios.map((r) => r.element.checked)).toEqual([true, false]);
    expect(row.find("[data-testid=kind-laporan]").exists()).toBe(true);
  });

  it("shows no count for a chip whose count is not known (never a false 0)", () => {
    const some = [...chips, { value: "closed", text: "Ditutup", count: null }];
    const row = mount(ChoiceChips, { props: { name: "kind", label: "Jenis", chips: some, chosen: "report" } });
    expect(row.findAll("label").map((l) => l.text())).toEqual(["Laporan kegiatan 1.200", "Pertimbangan cuti 2", "Ditutup"]);
    expect(row.findAll(".count")).toHaveLength(2);
  });

  it("says which was chosen", async () => {
    const row = mount(ChoiceChips, { props: { name: "kind", label: "Jenis", chips, chosen: "report" } });
    await row.findAll("input[type=radio]")[1].trigger("change");
    expect(row.emitted("choose")).toEqual([["leave_consideration"]]);
  });
});
