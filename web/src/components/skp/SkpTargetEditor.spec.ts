import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { reactive } from "vue";
import { draftOf, newTarget } from "@/lib/skp";
import { skpTarget } from "@/test/skp";
import SkpTargetEditor from "./SkpTargetEditor.vue";

function editor(props: Partial<InstanceType<typeof SkpTargetEditor>["$props"]> = {}) {
  const target = reactive(newTarget());
  const wrapper = mount(SkpTargetEditor, {
    props: { target, index: 0, parents: [], errors: {}, removable: true, ...props },
    attachTo: document.body,
  });
  return { wrapper, target: (props.target as typeof target) ?? target };
}

describe("SkpTargetEditor", () => {
  it("writes the text, kind and indicators into the page's target, labelled by the API's paths", async () => {
    const { wrapper, target } = editor();
    await wrapper.get("[data-testid=rhk-text]").setValue("Tersusunnya laporan keuangan");
    await wrapper.get("[data-testid=rhk-kind-TAMBAHAN]").setValue(true);
    await wrapper.get("[data-testid=indicator-text]").setValue("Laporan yang disusun");
    await wrapper.get("[data-testid=indicator-target]").setValue("4");
    await wrapper.get("[data-testid=indicator-unit]").setValue("laporan");
    expect(target).toMatchObject({
      text: "Tersusunnya laporan keuangan",
      kind: "TAMBAHAN",
      indicators: [{ text: "Laporan yang disusun", target: "4", unit: "laporan" }],
    });
    expect(wrapper.get("label[for='targets.0.indicators.0.unit']").text()).toBe("Satuan");
    wrapper.unmount();
  });

  it("adds indicators up to five and removes any but the last one", async () => {
    const { wrapper, target } = editor();
    expect(wrapper.find("[data-testid=indicator-remove]").exists()).toBe(false);
    for (let i = 0; i < 4; i++) await wrapper.get("[data-testid=indicator-add]").trigger("click");
    expect(target.indicators).toHaveLength(5);
    expect(wrapper.find("[data-testid=indicator-add]").exists()).toBe(false);
    expect(wrapper.text()).toContain("Indikator kinerja (5 dari 5)");
    await wrapper.findAll("[data-testid=indicator-remove]")[1].trigger("click");
    expect(target.indicators).toHaveLength(4);
    wrapper.unmount();
  });

  it("offers the supervisor's approved RHK as parents only when there are some", async () => {
    const bare = editor();
    expect(bare.wrapper.find("[data-testid=rhk-parent]").exists()).toBe(false);
    bare.wrapper.unmount();
    const parent = skpTarget({ rhk_id: "f0f0f0f0f0f0", text: "Meningkatnya kualitas pengelolaan keuangan" });
    const { wrapper, target } = editor({ parents: [parent] });
    const options = wrapper.findAll("[data-testid=rhk-parent] option").map((o) => o.text());
    expect(options).toEqual(["Tidak mendukung RHK atasan", "Meningkatnya kualitas pengelolaan keuangan (Utama)"]);
    await wrapper.get("[data-testid=rhk-parent]").setValue("f0f0f0f0f0f0");
    expect(target.parent_rhk_id).toBe("f0f0f0f0f0f0");
    wrapper.unmount();
  });

  it("shows each error at its field and asks to be removed", async () => {
    const target = reactive(draftOf(skpTarget()));
    const { wrapper } = editor({ target, index: 2, errors: { "targets.2.indicators.0.target": "Isi target indikator 1 RHK 3." } });
    expect(wrapper.get("h3").text()).toBe("RHK 3");
    const input = wrapper.get("[id='targets.2.indicators.0.target']");
    expect(input.attributes("aria-invalid")).toBe("true");
    expect(wrapper.get("[id='targets.2.indicators.0.target-error']").text()).toContain("Isi target indikator 1 RHK 3.");
    await wrapper.get("[data-testid=rhk-remove]").trigger("click");
    expect(wrapper.emitted("remove")).toHaveLength(1);
    wrapper.unmount();
  });
});
