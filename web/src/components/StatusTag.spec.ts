import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import StatusTag from "./StatusTag.vue";

describe("StatusTag", () => {
  it.each([
    [{ status: "SUBMITTED" }, "Diajukan", "amber"],
    [{ status: "APPROVED", decided_by: "197512102000031003" }, "Disetujui", "green"],
    [{ status: "APPROVED", decided_by: "SYSTEM" }, "Disetujui otomatis", "greygreen"],
    [{ status: "REJECTED" }, "Ditolak", "red"],
  ])("shows %o as words with its colour", (report, label, tone) => {
    const tag = mount(StatusTag, { props: { report } });
    expect(tag.text()).toBe(label);
    expect(tag.classes()).toContain(tone);
  });
});
