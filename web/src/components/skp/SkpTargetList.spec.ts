import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { LABELS } from "@/api/labels";
import { skpTarget } from "@/test/skp";
import SkpStatusTag from "./SkpStatusTag.vue";
import SkpTargetList from "./SkpTargetList.vue";

describe("SkpTargetList", () => {
  it("reads each target with its kind, its supervisor's RHK and its indicators in Indonesian numbers", () => {
    const parent = skpTarget({ rhk_id: "f0f0f0f0f0f0", text: "Meningkatnya kualitas pengelolaan keuangan" });
    const list = mount(SkpTargetList, {
      props: {
        targets: [
          skpTarget({ parent_rhk_id: "f0f0f0f0f0f0", indicators: [{ text: "Dokumen diverifikasi", target: 1250, unit: "dokumen" }] }),
          skpTarget({ rhk_id: "0e0e0e0e0e0e", kind: "TAMBAHAN", kind_label: "Tambahan", text: "Terlaksananya pembinaan" }),
        ],
        parents: [parent],
      },
    });
    const items = list.findAll("[data-testid=rhk-item]");
    expect(items).toHaveLength(2);
    expect(items[0].text()).toContain("Mendukung RHK atasan: Meningkatnya kualitas pengelolaan keuangan");
    expect(items[0].text()).toContain("1.250 dokumen");
    expect(items[1].get(".tag").text()).toBe("Tambahan");
    expect(list.find(".change").exists()).toBe(false);
  });

  it("sends the check-your-answers step back to one target", async () => {
    const list = mount(SkpTargetList, { props: { targets: [skpTarget(), skpTarget({ rhk_id: "0e0e0e0e0e0e" })], changeable: true } });
    await list.findAll(".change a")[1].trigger("click");
    expect(list.emitted("change")).toEqual([[1]]);
    expect(list.findAll(".change a")[1].text()).toBe("Ubah RHK 2");
  });
});

describe("SkpStatusTag", () => {
  // the words are the server's (LABELS.skp_status), the colour the client's
  it.each([
    ["DRAFT", "grey"],
    ["SUBMITTED", "amber"],
    ["APPROVED", "green"],
    ["RETURNED", "red"],
    [null, "grey"],
  ] as const)("shows %s in words and colour", (status, tone) => {
    const label = status ? LABELS.skp_status[status] : null;
    const tag = mount(SkpStatusTag, { props: { status, label } });
    expect(tag.text()).toBe(label ?? "Belum ada SKP");
    expect(tag.classes()).toContain(tone);
  });
});
