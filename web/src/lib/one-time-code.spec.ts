import { describe, expect, it } from "vitest";
import { codeError, readCode, usernameError } from "./one-time-code";

describe("one-time code", () => {
  it("reads a code copied with spaces or dashes as its six digits", () => {
    expect(readCode(" 123 456 ")).toBe("123456");
    expect(readCode("012-345")).toBe("012345");
  });

  it("says what is wrong before the code is sent, so no try is wasted", () => {
    expect(codeError("")).toBe("Masukkan kode 6 angka yang dikirim ke WhatsApp atau e-mail Anda.");
    expect(codeError("12a456")).toBe("Kode hanya berisi angka.");
    expect(codeError("12345")).toBe("Kode terdiri dari 6 angka.");
    expect(codeError("1234567")).toBe("Kode terdiri dari 6 angka.");
    expect(codeError("123 456")).toBeNull();
  });

  it("asks for the NIP or e-mail", () => {
    expect(usernameError("  ")).toBe("Masukkan NIP atau alamat e-mail Anda.");
    expect(usernameError("199001012015031001")).toBeNull();
  });
});
