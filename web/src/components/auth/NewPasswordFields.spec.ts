import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import NewPasswordFields from "./NewPasswordFields.vue";

function fields(props: Record<string, unknown> = {}) {
  return mount(NewPasswordFields, { props: { password: "", confirm: "", errors: {}, ...props } });
}

describe("NewPasswordFields", () => {
  it("asks for the new password twice, described by the rules, and passes both up", async () => {
    const view = fields();
    expect(view.findAll("label").map((l) => l.text())).toEqual(["Kata sandi baru", "Ulangi kata sandi baru"]);
    expect(view.get("#new_password").attributes("aria-describedby")).toBe("rules");
    expect(view.get("#new_password").attributes("autocomplete")).toBe("new-password");
    expect(view.get("#confirm").attributes("autocomplete")).toBe("new-password");
    expect(view.find("#new-count").exists()).toBe(false);
    await view.get("#new_password").setValue("Sepeda-Gunung");
    await view.get("#confirm").setValue("Sepeda");
    expect(view.emitted("update:password")).toEqual([["Sepeda-Gunung"]]);
    expect(view.emitted("update:confirm")).toEqual([["Sepeda"]]);
  });

  it("counts the characters while typing when counted", () => {
    const short = fields({ counted: true, password: "pendek" });
    expect(short.get("#new-count").text()).toBe("6 karakter — kurang dari 8");
    expect(short.get("#new_password").attributes("aria-describedby")).toBe("rules new-count");
    const fine = fields({ counted: true, password: "Sepeda-Gunung" });
    expect(fine.get("#new-count").text()).toBe("13 karakter");
    expect(fine.get("#new-count").classes()).toContain("ok-text");
  });

  it("shows the page's errors beside their fields", () => {
    const view = fields({ errors: { new_password: "Kata sandi baru harus 8–128 karakter.", confirm: "Ulangi kata sandi baru dengan tepat sama." } });
    expect(view.get("#new_password-error").text()).toContain("8–128 karakter");
    expect(view.get("#new_password").attributes("aria-describedby")).toBe("new_password-error rules");
    expect(view.get("#confirm-error").text()).toContain("tepat sama");
  });
});
