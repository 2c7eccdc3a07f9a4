import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { queueItem } from "@/test/decisions";
import DecisionTable from "./DecisionTable.vue";

const items = [
  queueItem({ id: "a", title: "Pelayanan pasien umum" }),
  queueItem({ id: "b", title: "Penyuluhan gizi balita", employee: { nip: "198203142006042001", name: "Siti Rahma", jabatan: "Bidan" } }),
  queueItem({ id: "c", title: "Rapat koordinasi", verdicts: [] }),
];

function table(overrides: Record<string, unknown> = {}) {
  return mount(DecisionTable, {
    props: { items, outcomes: {}, selectable: ["a", "b"], selected: new Set<string>(), allSelected: false, noun: "laporan", ...overrides },
    attachTo: document.body,
  });
}

describe("DecisionTable", () => {
  it("shows one row per item: who, the title, the date and the status in words", () => {
    const wrapper = table();
    const rows = wrapper.findAll("[data-testid=decision-row]");
    expect(rows).toHaveLength(3);
    const cells = rows[1].findAll("td").map((c) => c.text());
    expect(cells[1]).toContain("Siti Rahma");
    expect(cells[1]).toContain("NIP 19820314 200604 2 001");
    expect(cells[2]).toBe("Penyuluhan gizi balita");
    expect(cells[3]).toBe("4 Des 2026");
    expect(cells[4]).toBe("Diajukan");
    expect(wrapper.findAll("thead th").map((h) => h.text())).toEqual(["Pilih semua (2)", "Pegawai", "Judul", "Tanggal", "Status", "Rincian"]);
    expect(wrapper.text()).not.toMatch(/SUBMITTED|APPROVE/);
    wrapper.unmount();
  });

  it("offers a labelled checkbox on each open row and one that chooses them all", async () => {
    const wrapper = table();
    const boxes = wrapper.findAll("[data-testid=row-select]");
    expect(boxes).toHaveLength(2); // the decided row has none
    expect(wrapper.findAll("label.select")[1].text()).toBe("Pilih Pelayanan pasien umum dari Dewi Lestari");
    await boxes[1].trigger("change");
    expect(wrapper.emitted("toggle")).toEqual([["b"]]);
    await wrapper.get("[data-testid=select-all]").trigger("change");
    expect(wrapper.emitted("toggle-all")).toHaveLength(1);
    await wrapper.setProps({ selected: new Set(["a", "b"]), allSelected: true });
    expect((wrapper.get("[data-testid=select-all]").element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.findAll("tr.chosen")).toHaveLength(2);
    wrapper.unmount();
  });

  it("moves between the rows' checkboxes with the arrow keys", async () => {
    const wrapper = table();
    const boxes = wrapper.findAll("[data-testid=row-select]");
    (boxes[0].element as HTMLElement).focus();
    await boxes[0].trigger("keydown", { key: "ArrowDown" });
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(boxes[1].element);
    await boxes[1].trigger("keydown", { key: "ArrowDown" }); // the decided row's open button comes next
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(wrapper.findAll("[data-testid=row-open]")[2].element);
    await wrapper.findAll("[data-testid=row-open]")[2].trigger("keydown", { key: "ArrowUp" });
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(boxes[1].element);
    wrapper.unmount();
  });

  it("opens a row into the item's card, whose verdict buttons decide that item", async () => {
    const wrapper = table();
    expect(wrapper.find("[data-testid=decision-item]").exists()).toBe(false);
    const button = wrapper.findAll("[data-testid=row-open]")[0];
    expect(button.attributes("aria-expanded")).toBe("false");
    await button.trigger("click");
    expect(button.attributes("aria-expanded")).toBe("true");
    const card = wrapper.get("[data-testid=decision-item]");
    expect(card.text()).toContain("08.00–10.00 WIB");
    expect(wrapper.find(`#${button.attributes("aria-controls")}`).exists()).toBe(true);
    await card.get("[data-testid=verdict-reject]").trigger("click");
    expect(wrapper.emitted("decide")).toEqual([[items[0], "REJECT"]]);
    await wrapper.findAll("[data-testid=decision-row]")[1].findAll("td")[2].trigger("click"); // a click on the row opens it too
    expect(wrapper.findAll("[data-testid=decision-item]")).toHaveLength(2);
    await button.trigger("click");
    expect(wrapper.findAll("[data-testid=decision-item]")).toHaveLength(1);
    wrapper.unmount();
  });

  it("shows each decided item's outcome in place of its status", () => {
    const wrapper = table({ outcomes: { a: { ok: true, text: "Disetujui" }, b: { ok: false, text: "Sudah diputuskan." } } });
    const outcomes = wrapper.findAll("[data-testid=row-outcome]");
    expect(outcomes.map((o) => o.text())).toEqual(["Disetujui", "Sudah diputuskan."]);
    expect(outcomes[1].classes()).toContain("bad");
    wrapper.unmount();
  });
});
