import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { nextTick, reactive } from "vue";
import ReportCoachHints, { type CoachedFields } from "./ReportCoachHints.vue";

const post = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ POST: post }),
  unwrap: async (call: Promise<{ data: unknown }>) => (await call).data,
}));

const VERB = {
  code: "NO_WORK_VERB",
  field: "description",
  message: "Awali uraian dengan kata kerja operasional yang menyebut apa yang Anda lakukan.",
  example: "Memeriksa kelengkapan 25 berkas usulan kenaikan pangkat periode Oktober",
};

function form(values: Partial<CoachedFields> = {}) {
  const fields = reactive<CoachedFields>({
    date: "2026-12-07",
    start_time: "",
    end_time: "",
    title: "",
    description: "",
    output: "",
    ...values,
  });
  return { fields, wrapper: mount(ReportCoachHints, { props: { fields, delay: 500 } }) };
}

async function pause(ms = 500) {
  await nextTick();
  vi.advanceTimersByTime(ms);
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers();
  post.mockReset();
});

describe("ReportCoachHints", () => {
  it("asks nothing while nothing is written", async () => {
    const { wrapper } = form();
    await pause();
    expect(post).not.toHaveBeenCalled();
    expect(wrapper.find("[data-testid=report-hints]").exists()).toBe(false);
  });

  it("asks once the typing pauses, with blank fields as none, and shows each hint with its example", async () => {
    post.mockResolvedValue({ data: { hints: [VERB] } });
    const { fields, wrapper } = form();
    fields.description = "B";
    await pause(200);
    fields.description = "Bekerja ";
    await pause(200);
    expect(post).not.toHaveBeenCalled();
    await pause(300);
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith("/reports/hints", {
      body: { date: "2026-12-07", start_time: null, end_time: null, title: null, description: "Bekerja", output: null },
    });
    const box = wrapper.find("[data-testid=report-hints]");
    expect(box.text()).toContain("Saran penulisan");
    expect(box.text()).toContain("kata kerja operasional");
    expect(box.text()).toContain("Contoh: “Memeriksa kelengkapan 25 berkas");
    expect(box.classes()).not.toContain("danger");
    expect(wrapper.find("[aria-live=polite]").exists()).toBe(true);
  });

  it("clears the advice when a good sentence comes back with none", async () => {
    post.mockResolvedValueOnce({ data: { hints: [VERB] } }).mockResolvedValueOnce({ data: { hints: [] } });
    const { fields, wrapper } = form({ description: "Bekerja" });
    await pause();
    expect(wrapper.find("[data-testid=report-hints]").exists()).toBe(true);
    fields.description = "Menyusun draf laporan keuangan triwulan IV";
    await pause();
    expect(wrapper.find("[data-testid=report-hints]").exists()).toBe(false);
  });

  it("keeps only the latest answer, and shows nothing when the request fails", async () => {
    let answerFirst: (value: unknown) => void = () => {};
    post
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce({ data: { hints: [] } })
      .mockRejectedValueOnce(new Error("offline"));
    const { fields, wrapper } = form({ description: "Bekerja" });
    await pause();
    fields.description = "Menyusun draf laporan keuangan triwulan IV";
    await pause();
    answerFirst({ data: { hints: [VERB] } });
    await flushPromises();
    expect(wrapper.find("[data-testid=report-hints]").exists()).toBe(false);
    fields.output = "Draf";
    await pause();
    expect(post).toHaveBeenCalledTimes(3);
    expect(wrapper.find("[data-testid=report-hints]").exists()).toBe(false);
  });
});
