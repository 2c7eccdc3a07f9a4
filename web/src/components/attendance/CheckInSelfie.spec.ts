import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/checkin", () => ({ shrinkPhoto: vi.fn(async () => "data:image/jpeg;base64,QUJD") }));

import CheckInSelfie from "./CheckInSelfie.vue";

function choose(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  input.dispatchEvent(new Event("change"));
}

describe("CheckInSelfie", () => {
  it("opens the front camera and hands the shrunk photo to the page", async () => {
    const wrapper = mount(CheckInSelfie, { props: { modelValue: null } });
    const input = wrapper.get<HTMLInputElement>('[data-testid="selfie-input"]');
    expect(input.attributes("capture")).toBe("user");
    expect(input.attributes("accept")).toBe("image/*");
    expect(wrapper.text()).toContain("Ambil swafoto");
    choose(input.element, new File(["x"], "IMG_001.jpg", { type: "image/jpeg" }));
    await flushPromises();
    expect(wrapper.emitted("update:modelValue")?.[0]).toEqual(["data:image/jpeg;base64,QUJD"]);
  });

  it("shows the photo to be sent and offers to take it again", async () => {
    const wrapper = mount(CheckInSelfie, { props: { modelValue: "data:image/jpeg;base64,QUJD" } });
    expect(wrapper.get('[data-testid="selfie-preview"]').attributes("src")).toBe("data:image/jpeg;base64,QUJD");
    expect(wrapper.text()).toContain("Ambil ulang swafoto");
  });

  it("refuses what is not a photo before anything is sent", async () => {
    const wrapper = mount(CheckInSelfie, { props: { modelValue: null } });
    choose(wrapper.get<HTMLInputElement>('[data-testid="selfie-input"]').element, new File(["%PDF"], "surat.pdf", { type: "application/pdf" }));
    await flushPromises();
    expect(wrapper.get('[data-testid="selfie-problem"]').text()).toBe("Pilih foto (JPEG atau PNG) dari kamera.");
    expect(wrapper.emitted("update:modelValue")).toBeUndefined();
  });
});
