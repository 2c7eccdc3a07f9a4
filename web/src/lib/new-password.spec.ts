import { describe, expect, it } from "vitest";
import { newPasswordErrors, passwordLengthOk } from "./new-password";

describe("new password", () => {
  it("takes 8 to 128 characters, a sentence included", () => {
    expect(passwordLengthOk("1234567")).toBe(false);
    expect(passwordLengthOk("12345678")).toBe(true);
    expect(passwordLengthOk("kuda makan rumput")).toBe(true);
    expect(passwordLengthOk("a".repeat(128))).toBe(true);
    expect(passwordLengthOk("a".repeat(129))).toBe(false);
  });

  it("says what is missing, too short or not repeated alike, by field", () => {
    expect(newPasswordErrors("", "")).toEqual({ new_password: "Masukkan kata sandi baru." });
    expect(newPasswordErrors("pendek", "lain")).toEqual({
      new_password: "Kata sandi baru harus 8–128 karakter.",
      confirm: "Ulangi kata sandi baru dengan tepat sama.",
    });
    expect(newPasswordErrors("Sepeda-Gunung-Merapi-77", "Sepeda-Gunung-Merapi-77")).toEqual({});
  });
});
