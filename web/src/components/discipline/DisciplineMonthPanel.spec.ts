import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { disciplineApi } from "@/api/discipline";
import { announce } from "@/composables/useToast";
import { ApiError } from "@/lib/errors";
import { DEWI, HR, RUDI, row, satkerMonth } from "@/test/discipline";
import DisciplineMonthPanel from "./DisciplineMonthPanel.vue";

vi.mock("@/api/discipline", () => ({ disciplineApi: { month: vi.fn(), close: vi.fn(), correct: vi.fn() } }));
const start = vi.fn();
vi.mock("@/composables/useExportJob", async () => {
  const { ref } = await import("vue");
  return {
    useExportJob: () => ({ state: ref("idle"), url: ref(null), format: ref("pdf"), message: ref(null), start, run: vi.fn(), reset: vi.fn() }),
  };
});
vi.mock("@/composables/useToast", () => ({ announce: vi.fn() }));
const api = vi.mocked(disciplineApi);
const WHERE = { skpd_id: "DINKES", satker_id: "PKM-1", month: "2026-11" };
const CLOSED = {
  status: "CLOSED" as const,
  can_close: false,
  version: 1,
  closed_at: "2026-12-03T02:00:00+00:00",
  closed_by: HR,
  closed_by_name: "Rina Kepegawaian",
};

async function open() {
  const panel = mount(DisciplineMonthPanel, {
    props: { skpdId: "DINKES", satkerId: "PKM-1", month: "2026-11", selfNip: HR, zone: "WIB" as const },
    attachTo: document.body,
  });
  await flushPromises();
  return panel;
}

function cardOf(panel: Awaited<ReturnType<typeof open>>, nip: string) {
  return panel.get(`[data-testid=discipline-card][data-nip="${nip}"]`);
}

beforeEach(() => {
  vi.resetAllMocks();
  document.body.innerHTML = "";
});

describe("DisciplineMonthPanel", () => {
  it("shows an open month's rows, and closes it only after a confirmation that says what closing means", async () => {
    api.month.mockResolvedValue(satkerMonth());
    api.close.mockResolvedValue(satkerMonth(CLOSED));
    const panel = await open();
    expect(api.month).toHaveBeenCalledWith(WHERE);
    expect(panel.get("[data-testid=month-status-text]").text()).toBe("Terbuka — angka masih dapat berubah");
    expect(panel.findAll("[data-testid=discipline-card]")).toHaveLength(3);
    expect(cardOf(panel, DEWI).get("[data-figure=deduction]").text()).toContain("4,5 %");
    expect(cardOf(panel, DEWI).get("[data-figure=late]").text()).toContain("3 kali · 1 jam 35 menit");
    expect(panel.find("[data-testid=correct-row]").exists()).toBe(false); // open: nothing to correct yet

    await panel.get("[data-testid=close-month]").trigger("click");
    const dialog = panel.get("[data-testid=close-dialog]");
    expect(dialog.text()).toContain("penutupan tidak dapat dibatalkan");
    expect(dialog.text()).toContain("perubahan hanya melalui koreksi");
    expect(api.close).not.toHaveBeenCalled();
    await dialog.get("[data-testid=confirm-close]").trigger("click");
    await flushPromises();
    expect(api.close).toHaveBeenCalledWith(WHERE);
    expect(panel.get("[data-testid=month-status-text]").text()).toBe("Ditutup 3 Desember 2026 oleh Rina Kepegawaian");
    expect(panel.find("[data-testid=close-month]").exists()).toBe(false);
    // a correction per row, never on one's own
    expect(cardOf(panel, DEWI).find("[data-testid=correct-row]").exists()).toBe(true);
    expect(cardOf(panel, HR).find("[data-testid=correct-row]").exists()).toBe(false);
    expect(panel.get("[data-testid=corrections]").text()).toContain("Belum ada koreksi");
    panel.unmount();
  });

  it("says why a month cannot be closed, in the dialog", async () => {
    api.month.mockResolvedValue(satkerMonth());
    api.close.mockRejectedValue(new ApiError({ status: 422, code: "MONTH_NOT_OVER", message: "Bulan November 2026 belum selesai.", details: {} }));
    const panel = await open();
    await panel.get("[data-testid=close-month]").trigger("click");
    await panel.get("[data-testid=confirm-close]").trigger("click");
    await flushPromises();
    expect(panel.get("[data-testid=close-dialog]").text()).toContain("Bulan November 2026 belum selesai.");
    panel.unmount();
  });

  it("shows the month as it is now when another officer closed it meanwhile", async () => {
    api.month.mockResolvedValueOnce(satkerMonth()).mockResolvedValueOnce(satkerMonth(CLOSED));
    api.close.mockRejectedValue(new ApiError({ status: 409, code: "MONTH_CLOSED", message: "Bulan November 2026 sudah ditutup.", details: {} }));
    const panel = await open();
    await panel.get("[data-testid=close-month]").trigger("click");
    await panel.get("[data-testid=confirm-close]").trigger("click");
    await flushPromises();
    expect(api.month).toHaveBeenCalledTimes(2);
    expect(panel.get("[data-testid=month-status-text]").text()).toBe("Ditutup 3 Desember 2026 oleh Rina Kepegawaian");
    expect(panel.find("[data-testid=close-dialog]").exists()).toBe(false);
    expect(vi.mocked(announce)).toHaveBeenCalledWith("Bulan November 2026 sudah ditutup. Rekap terbaru sudah dimuat.", "error");
    panel.unmount();
  });

  it("records a correction with the version read, marks the figure and lists it, then proposes the deduction", async () => {
    api.month.mockResolvedValue(satkerMonth(CLOSED));
    const corrected = satkerMonth({
      ...CLOSED,
      version: 2,
      rows: [row({ corrected: ["days_absent"], figures: { ...row().figures, days_absent: 0 } }), row({ nip: RUDI, name: "Rudi Hartono" })],
      corrections: [
        {
          nip: DEWI,
          name: "Dewi Lestari",
          field: "days_absent",
          field_label: "Tanpa keterangan (TK)",
          old: 1,
          new: 0,
          reason: "Pengaduan presensi 4 November disetujui setelah bulan ditutup",
          day: "2026-11-04",
          by: HR,
          by_name: "Rina Kepegawaian",
          at: "2026-12-03T03:15:00+00:00",
        },
      ],
    });
    api.correct.mockResolvedValue(corrected);
    const panel = await open();
    await cardOf(panel, DEWI).get("[data-testid=correct-row]").trigger("click");
    const form = panel.get("[data-testid=correction-form]");
    await form.get("#correction-field").setValue("days_absent");
    expect(form.get("[data-testid=correction-now]").text()).toBe("Sekarang: 1");
    await form.get("#correction-new").setValue("0");
    await form.get("#correction-reason").setValue("Pengaduan presensi 4 November disetujui setelah bulan ditutup");
    await form.get("#correction-day").setValue("2026-11-04");
    await form.trigger("submit");
    await flushPromises();
    expect(api.correct).toHaveBeenCalledWith(WHERE, {
      nip: DEWI,
      field: "days_absent",
      new: 0,
      reason: "Pengaduan presensi 4 November disetujui setelah bulan ditutup",
      day: "2026-11-04",
      version: 1,
    });
    expect(panel.find("[data-testid=correction-form]").exists()).toBe(false);
    const absent = cardOf(panel, DEWI).get("[data-figure=absent]");
    expect(absent.classes()).toContain("corrected");
    expect(absent.text()).toContain("(dikoreksi)");
    const item = panel.get("[data-testid=correction-item]");
    expect(item.text()).toContain("Dewi Lestari · Tanpa keterangan (TK): 1 → 0 · tanggal 4 Nov 2026");
    expect(item.text()).toContain("Oleh Rina Kepegawaian, 3 Des 2026, 10.15 WIB");

    await panel.get("[data-testid=propose-deduction]").trigger("click");
    expect((panel.get("#correction-field").element as HTMLSelectElement).value).toBe("deduction_percent");
    expect(panel.get("[data-testid=correction-now]").text()).toBe("Sekarang: 4,5 %");
    panel.unmount();
  });

  it("refuses a short reason before sending, and after a 409 reloads on request keeping what was typed", async () => {
    api.month.mockResolvedValue(satkerMonth(CLOSED));
    const panel = await open();
    await cardOf(panel, RUDI).get("[data-testid=correct-row]").trigger("click");
    await panel.get("#correction-field").setValue("marks.TL1");
    await panel.get("#correction-new").setValue("1");
    await panel.get("#correction-reason").setValue("salah");
    await panel.get("[data-testid=correction-form]").trigger("submit");
    await flushPromises();
    expect(api.correct).not.toHaveBeenCalled();
    expect(panel.get("#correction-reason").attributes("aria-invalid")).toBe("true");
    expect(panel.text()).toContain("Alasan koreksi wajib diisi, 10–500 karakter.");

    api.correct.mockRejectedValue(new ApiError({ status: 409, code: "CONFLICT", message: "Versi berbeda.", details: {} }));
    await panel.get("#correction-reason").setValue("Presensi pagi tercatat ganda oleh mesin");
    await panel.get("[data-testid=correction-form]").trigger("submit");
    await flushPromises();
    const conflict = panel.get("[data-testid=correction-conflict]");
    expect(conflict.text()).toContain("Rekap bulan ini baru saja diubah di tempat lain.");
    expect(panel.get("[data-testid=correction-save]").attributes("disabled")).toBeDefined();
    api.month.mockResolvedValue(satkerMonth({ ...CLOSED, version: 3 }));
    await conflict.get("[data-testid=correction-reload]").trigger("click");
    await flushPromises();
    expect(panel.get("[data-testid=correction-conflict]").text()).toContain("Angka terbaru sudah dimuat");
    expect((panel.get("#correction-reason").element as HTMLTextAreaElement).value).toBe("Presensi pagi tercatat ganda oleh mesin");
    api.correct.mockResolvedValue(satkerMonth({ ...CLOSED, version: 4 }));
    await panel.get("[data-testid=correction-form]").trigger("submit");
    await flushPromises();
    expect(api.correct).toHaveBeenLastCalledWith(WHERE, expect.objectContaining({ nip: RUDI, field: "marks.TL1", new: 1, version: 3 }));
    panel.unmount();
  });

  it("asks for the discipline recap of the satker or the whole SKPD", async () => {
    api.month.mockResolvedValue(satkerMonth());
    const panel = await open();
    await panel.get("[data-testid=export-xlsx]").trigger("click");
    expect(start).toHaveBeenLastCalledWith({
      kind: "discipline",
      format: "xlsx",
      period: "month",
      month: "2026-11",
      scope: { type: "satker", skpd_id: "DINKES", satker_id: "PKM-1" },
    });
    await panel.get("[data-testid=scope-skpd]").setValue(true);
    await panel.get("[data-testid=export-pdf]").trigger("click");
    expect(start).toHaveBeenLastCalledWith(expect.objectContaining({ format: "pdf", scope: { type: "skpd", skpd_id: "DINKES" } }));
    panel.unmount();
  });
});
