import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { skpTarget } from "@/test/skp";
import RhkSelect from "./RhkSelect.vue";

const stubs = { RouterLink: { props: ["to"], template: "<a :href='to'><slot /></a>" } };

describe("RhkSelect", () => {
  it("offers the approved targets, optional by default", async () => {
    const select = mount(RhkSelect, {
      props: { modelValue: "", targets: [skpTarget(), skpTarget({ rhk_id: "0e0e0e0e0e0e", text: "Terlaksananya pembinaan", kind: "TAMBAHAN", kind_label: "Tambahan" })], year: 2026 },
      global: { stubs },
    });
    expect(select.get("label").text()).toBe("Rencana hasil kerja (RHK) (opsional)");
    expect(select.findAll("option").map((o) => o.text())).toEqual([
      "Tanpa RHK",
      "Tersusunnya laporan keuangan triwulan tepat waktu (Utama)",
      "Terlaksananya pembinaan (Tambahan)",
    ]);
    await select.get("select").setValue("0e0e0e0e0e0e");
    expect(select.emitted("update:modelValue")).toEqual([["0e0e0e0e0e0e"]]);
  });

  it("says when the SKPD requires it, with the API's message at the field", () => {
    const select = mount(RhkSelect, {
      props: { modelValue: "", targets: [skpTarget()], year: 2026, required: true, error: "Pilih RHK yang didukung kegiatan ini." },
      global: { stubs },
    });
    expect(select.get("label").text()).toBe("Rencana hasil kerja (RHK)");
    expect(select.get("option").text()).toBe("Pilih RHK");
    expect(select.get("select").attributes("aria-invalid")).toBe("true");
    expect(select.text()).toContain("Pilih RHK yang didukung kegiatan ini.");
  });

  it("keeps a reference no longer approved visible instead of dropping it", () => {
    const select = mount(RhkSelect, { props: { modelValue: "999999999999", targets: [skpTarget()], year: 2026 }, global: { stubs } });
    expect(select.findAll("option").at(-1)?.text()).toBe("RHK yang tidak ada lagi di SKP yang disetujui");
    expect((select.get("select").element as HTMLSelectElement).value).toBe("999999999999");
  });

  it("without an approved SKP explains why there is nothing to choose and links to the SKP", () => {
    const select = mount(RhkSelect, { props: { modelValue: "", targets: [], year: 2026, error: "RHK wajib dipilih." }, global: { stubs } });
    expect(select.find("select").exists()).toBe(false);
    expect(select.get("[data-testid=rhk-none]").text()).toContain("Belum ada SKP 2026 yang disetujui");
    expect(select.get("a").attributes("href")).toBe("/skp");
    expect(select.text()).toContain("RHK wajib dipilih.");
  });

  it("leaves an optional field out when there is nothing to choose", () => {
    const select = mount(RhkSelect, { props: { modelValue: "", targets: [], year: 2026 }, global: { stubs } });
    expect(select.html()).toBe("<!--v-if-->");
  });
});
