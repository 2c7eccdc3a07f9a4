import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import PasswordRules from "./PasswordRules.vue";

describe("PasswordRules", () => {
  it("explains the policy with examples and the tip", () => {
    const rules = mount(PasswordRules);
    expect(rules.get("#rules h2").text()).toBe("Kata sandi baru harus:");
    expect(rules.findAll("li")).toHaveLength(3);
    expect(rules.text()).toContain("password123");
    expect(rules.text()).toContain("Tidak perlu huruf besar");
  });

  it("leaves the examples and the tip out when short", () => {
    const rules = mount(PasswordRules, { props: { short: true } });
    expect(rules.findAll("li").map((li) => li.text())).toEqual([
      "terdiri dari 8 sampai 128 karakter (boleh berupa kalimat, misalnya tiga kata acak);",
      "bukan kata sandi yang umum dipakai;",
      "tidak memuat NIP atau nama Anda.",
    ]);
    expect(rules.text()).not.toContain("Tidak perlu huruf besar");
  });
});
