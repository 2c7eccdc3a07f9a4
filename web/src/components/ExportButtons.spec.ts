import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import ExportButtons from "./ExportButtons.vue";

/** The job as the composable gives it once `GET /exports/{id}` answers DONE (its `file_name` included). */
const job = {
  state: ref<"idle" | "working" | "done" | "failed">("idle"),
  url: ref<string | null>(null),
  fileName: ref<string | null>(null),
  format: ref<"pdf" | "xlsx">("pdf"),
  message: ref<string | null>(null),
  start: vi.fn(),
  run: vi.fn(),
  reset: vi.fn(),
};
vi.mock("@/composables/useExportJob", () => ({ useExportJob: () => job }));

function done(format: "pdf" | "xlsx", fileName: string | null) {
  job.state.value = "done";
  job.url.value = "https://objects.invalid/exports/1";
  job.format.value = format;
  job.fileName.value = fileName;
  return mount(ExportButtons, { props: { request: () => null } });
}

beforeEach(() => {
  job.state.value = "idle";
  job.url.value = job.fileName.value = null;
});

describe("ExportButtons", () => {
  it("names a PDF recap over the row limit as the ZIP of PDF parts the browser saves", async () => {
    const buttons = done("pdf", "rekap-satker-20261001-20261031.zip");
    await flushPromises();
    expect(buttons.text()).toContain("Berkas ZIP (PDF per bagian) siap.");
    const link = buttons.get("[data-testid=download-link]");
    expect(link.text()).toBe("Simpan berkas ZIP");
    expect(link.attributes("download")).toBe("rekap-satker-20261001-20261031.zip");
    expect(buttons.text()).not.toContain("PDF siap");
  });

  it("says PDF or Excel for a single file, as before", async () => {
    const pdf = done("pdf", "rekap-satker-20261001-20261031.pdf");
    expect(pdf.text()).toContain("Berkas PDF siap.");
    expect(pdf.get("[data-testid=download-link]").text()).toBe("Simpan berkas PDF");
    const excel = done("xlsx", null); // a job answered without a name: the format asked for
    expect(excel.text()).toContain("Berkas Excel siap.");
    expect(excel.get("[data-testid=download-link]").text()).toBe("Simpan berkas Excel");
  });
});
