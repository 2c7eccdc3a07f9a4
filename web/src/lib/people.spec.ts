import { describe, expect, it } from "vitest";
import { namedPerson, personLine } from "./people";

describe("people", () => {
  it("shows name and jabatan, the name alone without a jabatan", () => {
    expect(personLine("dr. Andi Wijaya", "Kepala Puskesmas")).toBe("dr. Andi Wijaya, Kepala Puskesmas");
    expect(personLine("dr. Andi Wijaya", null)).toBe("dr. Andi Wijaya");
  });
  it("falls back to the NIP only for someone unknown", () => {
    expect(namedPerson({ nip: "197512102000031003", name: "Andi", jabatan: "Kepala" })).toBe("Andi, Kepala");
    expect(namedPerson({ nip: "197512102000031003", name: null, jabatan: null })).toMatch(/^NIP 19751210/);
  });
});
