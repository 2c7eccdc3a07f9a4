import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import FileUpload from "./FileUpload.vue";

const pdf = new File([new Uint8Array(2048)], "surat-tugas.pdf", { type: "application/pdf" });
const base = { id: "letter", accept: "application/pdf,.pdf", rule: "Berkas PDF, paling besar 300 KB.", testid: "letter-input" };

describe("FileUpload", () => {
  it("is a styled button with the allowed type and size written beside it and read with the field", () => {
    const control = mount(FileUpload, { props: { ...base, describedby: "letter-error" } });
    const button = control.get("label.btn");
    expect(button.text()).toBe("Pilih berkas");
    const input = control.get("input[type=file]");
    expect(input.classes()).toContain("visually-hidden");
    expect(input.attributes()).toMatchObject({ id: "letter", accept: "application/pdf,.pdf", "data-testid": "letter-input" });
    expect(control.get("[data-testid=file-upload-rule]").text()).toBe("Berkas PDF, paling besar 300 KB.");
    expect(input.attributes("aria-describedby")).toBe("letter-error letter-rule");
    expect(control.find("[data-testid=upload-item]").exists()).toBe(false);
  });

  it("hands the picked file to the page and clears the picker so the same file can be picked again", async () => {
    const control = mount(FileUpload, { props: base });
    const input = control.get("input[type=file]");
    Object.defineProperty(input.element, "files", { value: [pdf], configurable: true });
    await input.trigger("change");
    expect(control.emitted("pick")).toEqual([[pdf]]);
  });

  it("shows the chosen file, then a progress bar, then that the server is checking it", async () => {
    const control = mount(FileUpload, { props: { ...base, file: pdf } });
    expect(control.get("[data-testid=upload-state]").text()).toBe("Siap dikirim");
    expect(control.get("[data-testid=upload-item]").text()).toContain("surat-tugas.pdf");
    expect(control.get("label.btn").text()).toBe("Ganti berkas");
    await control.setProps({ progress: 0.4 });
    expect(control.get("[data-testid=upload-state]").text()).toBe("Mengunggah…");
    expect(control.get("[role=progressbar]").attributes("aria-valuenow")).toBe("40");
    await control.setProps({ progress: 1 });
    expect(control.get("[data-testid=upload-state]").text()).toBe("Memeriksa isi berkas…");
    expect(control.find("[role=progressbar]").exists()).toBe(false);
  });

  it("shows the server's verdict: accepted with its words, refused with the server's message", async () => {
    const control = mount(FileUpload, { props: { ...base, verdict: { ok: true, message: "Diterima bersama pengaduan ADU/2026/000001.", filename: "surat-tugas.pdf" } } });
    expect(control.get("[data-testid=upload-state]").text()).toBe("Diterima");
    expect(control.get("[data-testid=upload-item]").text()).toContain("surat-tugas.pdf");
    expect(control.get("[data-testid=upload-verdict]").text()).toBe("Diterima bersama pengaduan ADU/2026/000001.");
    await control.setProps({ file: pdf, verdict: { ok: false, message: "Isi berkas bukan PDF." } });
    expect(control.get("[data-testid=upload-state]").text()).toBe("Ditolak");
    expect(control.get("[data-testid=upload-verdict]").classes()).toContain("field-error");
    // when the field above already shows the refusal, the item only says "Ditolak" (no message twice)
    await control.setProps({ invalid: "true" });
    expect(control.find("[data-testid=upload-verdict]").exists()).toBe(false);
    expect(control.get("input").attributes("aria-invalid")).toBe("true");
  });
});
