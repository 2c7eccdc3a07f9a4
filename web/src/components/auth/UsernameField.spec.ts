import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import UsernameField from "./UsernameField.vue";

describe("UsernameField", () => {
  it("asks for the NIP or e-mail without autocorrect, and passes what is typed up", async () => {
    const field = mount(UsernameField, { props: { modelValue: "" } });
    expect(field.get("label").text()).toBe("NIP atau e-mail");
    const input = field.get("input#username");
    expect(input.attributes()).toMatchObject({ autocomplete: "username", autocapitalize: "off", spellcheck: "false", inputmode: "email" });
    expect(input.attributes("aria-describedby")).toBe("username-hint");
    await input.setValue("199001012015031001");
    expect(field.emitted("update:modelValue")).toEqual([["199001012015031001"]]);
  });

  it("shows its error and marks the input invalid", () => {
    const field = mount(UsernameField, { props: { modelValue: "", error: "Masukkan NIP atau alamat e-mail Anda." } });
    expect(field.get("#username-error").text()).toContain("Masukkan NIP atau alamat e-mail Anda.");
    expect(field.get("input").attributes("aria-invalid")).toBe("true");
    expect(field.get("input").attributes("aria-describedby")).toBe("username-hint username-error");
  });
});
