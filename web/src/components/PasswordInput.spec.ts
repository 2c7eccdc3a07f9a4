import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import PasswordInput from "./PasswordInput.vue";

describe("PasswordInput", () => {
  it("hides the password until asked, and says so to screen readers", async () => {
    const field = mount(PasswordInput, { props: { id: "pw", modelValue: "rahasia", autocomplete: "current-password" } });
    expect(field.get("input").attributes("type")).toBe("password");
    const toggle = field.get("button");
    expect(toggle.text()).toBe("Tampilkan kata sandi");
    expect(toggle.attributes("aria-pressed")).toBe("false");
    expect(toggle.attributes("aria-controls")).toBe("pw");
    await toggle.trigger("click");
    expect(field.get("input").attributes("type")).toBe("text");
    expect(toggle.attributes("aria-pressed")).toBe("true");
    expect(toggle.text()).toBe("Tampilkan kata sandi"); // a toggle keeps its name; aria-pressed carries the state
    expect(toggle.attributes("title")).toBe("Sembunyikan kata sandi");
  });
});
