import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import ExcelExportActions, { type ExcelFile } from "./ExcelExportActions.vue";

const file: ExcelFile = { url: "https://objects.invalid/cuti.xlsx", filename: "cuti-pegawai.xlsx", rows: 1234 };
const refused = new ApiError({ status: 0, code: "NETWORK", message: "Tidak dapat terhubung ke server.", details: {} });

function actions(props: { create: () => Promise<ExcelFile>; check?: () => boolean; loading?: boolean }) {
  return mount(ExcelExportActions, { props: { loading: false, testid: "leave-export", ...props } });
}

describe("ExcelExportActions", () => {
  it("asks for the file and shows its link under the page's test id, until the list is filtered again", async () => {
    const create = vi.fn(async () => file);
    const wrapper = actions({ create });
    await wrapper.get("[data-testid=leave-export]").trigger("click");
    await flushPromises();
    expect(create).toHaveBeenCalledTimes(1);
    expect(wrapper.text()).toContain("Berkas Excel siap (1.234 baris). Tautan berlaku beberapa menit.");
    const link = wrapper.get("[data-testid=leave-export-link]");
    expect([link.attributes("href"), link.attributes("download"), link.text()]).toEqual([file.url, file.filename, "Simpan berkas Excel"]);
    (wrapper.vm as unknown as { reset: () => void }).reset();
    await flushPromises();
    expect(wrapper.find("[data-testid=leave-export-link]").exists()).toBe(false);
  });

  it("says why the file could not be made, as an alert", async () => {
    const wrapper = actions({ create: () => Promise.reject(refused) });
    await wrapper.get("[data-testid=leave-export]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toBe("Tidak dapat terhubung ke server.");
    expect(wrapper.find("[data-testid=leave-export-link]").exists()).toBe(false);
  });

  it("does not ask when the page's check refuses, and the submit button shows the list loading", async () => {
    const create = vi.fn(async () => file);
    const wrapper = actions({ create, check: () => false, loading: true });
    await wrapper.get("[data-testid=leave-export]").trigger("click");
    await flushPromises();
    expect(create).not.toHaveBeenCalled();
    const submit = wrapper.get("button[type=submit]");
    expect([submit.text(), submit.attributes("aria-busy")]).toEqual(["Memuat…", "true"]);
  });
});
