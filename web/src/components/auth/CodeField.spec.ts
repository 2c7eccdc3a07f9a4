import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import CodeField from "./CodeField.vue";

describe("CodeField", () => {
  it("asks for the code sent to whom, with a numeric keyboard and the phone's one-time-code offer", async () => {
    const field = mount(CodeField, { props: { modelValue: "", username: "199001012015031001" } });
    expect(field.get("#code-hint").text()).toBe("Untuk 199001012015031001. Kode berlaku 5 menit dan hanya sekali pakai.");
    const input = field.get("input#code");
    expect(input.attributes()).toMatchObject({ type: "text", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "9" });
    expect(input.classes()).not.toContain("code-input");
    await input.setValue("123 456");
    expect(field.emitted("update:modelValue")).toEqual([["123 456"]]);
  });

  it("spaces the digits out when large, and shows its error", () => {
    const field = mount(CodeField, { props: { modelValue: "", username: "a@b.go.id", error: "Kode terdiri dari 6 angka.", large: true } });
    expect(field.get("input").classes()).toContain("code-input");
    expect(field.get("#code-error").text()).toContain("Kode terdiri dari 6 angka.");
    expect(field.get("input").attributes("aria-invalid")).toBe("true");
  });
});
