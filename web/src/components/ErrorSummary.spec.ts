import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import ErrorSummary from "./ErrorSummary.vue";

describe("ErrorSummary", () => {
  it("is absent when nothing is wrong", () => {
    expect(mount(ErrorSummary).find("[role=alert]").exists()).toBe(false);
  });

  it("lists the message and links each field error to its field", () => {
    const summary = mount(ErrorSummary, {
      props: { message: "Waktu kegiatan bertabrakan dengan laporan lain.", errors: { title: "Isi judul kegiatan." } },
      attachTo: document.body,
    });
    const alert = summary.get("[role=alert]");
    expect(alert.text()).toContain("Waktu kegiatan bertabrakan");
    const link = alert.get("a");
    expect(link.attributes("href")).toBe("#title");
    expect(link.text()).toBe("Isi judul kegiatan.");
    summary.unmount();
  });

  it("does not repeat a message that is also a field's", () => {
    const summary = mount(ErrorSummary, { props: { message: "Jam selesai harus setelah jam mulai.", errors: { end_time: "Jam selesai harus setelah jam mulai." } } });
    expect(summary.findAll("li")).toHaveLength(1);
  });
});
