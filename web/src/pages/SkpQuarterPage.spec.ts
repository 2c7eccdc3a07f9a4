import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { assessmentApi } from "@/api/assessment";
import { useSession } from "@/composables/useSession";
import { ApiError } from "@/lib/errors";
import { assessment, BOSS, quarterSummary, quarterTarget, STAFF } from "@/test/assessment";
import SkpQuarterPage from "./SkpQuarterPage.vue";

vi.mock("@/api/assessment", () => ({ assessmentApi: { quarter: vi.fn(), assess: vi.fn(), pdf: vi.fn() } }));
const api = vi.mocked(assessmentApi);

const refusal = (status: number, code: string, message: string, details: Record<string, unknown> = {}) =>
  new ApiError({ status, code, message, details, field: typeof details.field === "string" ? details.field : undefined });

async function open(path = `/skp/staf/${STAFF.nip}/2026/triwulan/4`) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/skp/staf/:nip/:year/triwulan/:q", component: SkpQuarterPage },
      { path: "/:rest(.*)*", component: { template: "<p />" } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const page = mount(SkpQuarterPage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return page;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T03:00:00Z") });
  useSession().state.profile = { nip: BOSS.nip, roles: ["PEGAWAI", "ATASAN"], timezone: "WIB" } as never;
  document.body.innerHTML = "";
});

describe("SkpQuarterPage", () => {
  it("shows the quarter's reports per RHK, attendance and leave, with Indonesian numbers and hours", async () => {
    api.quarter.mockResolvedValue(quarterSummary());
    const page = await open();
    expect(api.quarter).toHaveBeenCalledWith(`${STAFF.nip}.2026`, 4);
    expect(page.get("h1").text()).toBe("Penilaian Triwulan IV 2026");
    expect(page.get("[data-testid=quarter-employee]").text()).toContain("Dewi Lestari, Analis Keuangan");
    const row = page.get("[data-testid=quarter-target]");
    expect(row.text()).toContain("Tersusunnya laporan keuangan triwulan tepat waktu");
    expect(row.get("[data-testid=reports-count]").text()).toBe("3");
    expect(row.get("[data-testid=reports-approved]").text()).toBe("2");
    expect(row.get("[data-testid=reports-evidence]").text()).toBe("1");
    expect(row.get("[data-testid=reports-hours]").text()).toBe("6 jam 30 menit");
    expect(page.get("[data-testid=quarter-without-rhk]").text()).toContain("30 menit");
    expect(page.get("[data-testid=quarter-attendance]").text()).toBe("1.234 hari");
    expect(page.get("[data-testid=quarter-summary]").text()).toContain("1 Oktober 2026 – 31 Desember 2026");
    // the quarters that have begun, this one marked
    const quarters = page.findAll("nav[aria-label=Triwulan] a");
    expect(quarters.map((a) => a.text())).toEqual(["Triwulan I 2026", "Triwulan II 2026", "Triwulan III 2026", "Triwulan IV 2026"]);
    expect(quarters[3].attributes("aria-current")).toBe("page");
    page.unmount();
  });

  it("names what is missing, shows the predicate as the ratings are chosen, and saves", async () => {
    api.quarter.mockResolvedValue(quarterSummary());
    api.assess.mockResolvedValue(assessment({ results: "DI_BAWAH_EKSPEKTASI", results_label: "Di Bawah Ekspektasi", predicate: "BUTUH_PERBAIKAN", predicate_label: "Butuh Perbaikan" }));
    const page = await open();
    await page.get("[data-testid=assessment-save]").trigger("submit");
    const summary = page.get("[data-testid=error-summary]");
    expect(summary.text()).toContain("Isi realisasi indikator 1 RHK 1");
    expect(summary.text()).toContain("Pilih rating hasil kerja.");
    expect(summary.text()).toContain("Pilih rating perilaku kerja.");
    expect(api.assess).not.toHaveBeenCalled();

    const form = page.get("[data-testid=assessment-form]");
    expect(form.text()).toContain("Target 4 laporan");
    expect(page.get("[data-testid=predicate-preview]").text()).toContain("Pilih kedua rating");
    await page.get("[data-testid=realisation-input]").setValue("3");
    await page.get("[data-testid=results-DI_ATAS_EKSPEKTASI]").setValue(true);
    await page.get("[data-testid=behaviour-DI_ATAS_EKSPEKTASI]").setValue(true);
    expect(page.get("[data-testid=predicate-preview]").text()).toContain("Sangat Baik");
    await page.get("[data-testid=results-DI_BAWAH_EKSPEKTASI]").setValue(true);
    expect(page.get("[data-testid=predicate-preview]").text()).toContain("Butuh Perbaikan");
    expect(form.text()).toContain("Di Atas Ekspektasi");
    await page.get("[data-testid=feedback-input]").setValue("Tingkatkan ketepatan waktu.");
    await form.trigger("submit");
    await flushPromises();
    expect(api.assess).toHaveBeenCalledWith(`${STAFF.nip}.2026`, 4, {
      results: "DI_BAWAH_EKSPEKTASI",
      behaviour: "DI_ATAS_EKSPEKTASI",
      realisations: [{ rhk_id: "a1b2c3d4e5f6", indicator: 0, value: "3 laporan" }],
      feedback: "Tingkatkan ketepatan waktu.",
      value_notes: null,
    });
    expect(page.get("[data-testid=assessment-saved]").text()).toContain("Penilaian Triwulan IV 2026 tersimpan. Predikat kinerja: Butuh Perbaikan.");
    expect(page.get("[data-testid=assessment-predicate]").text()).toBe("Butuh Perbaikan");
    expect(page.find("[data-testid=assessment-form]").exists()).toBe(false);
    page.unmount();
  });

  it("changes an assessment with the version read and offers a way out of a conflict", async () => {
    api.quarter.mockResolvedValue(quarterSummary({ assessment: assessment({ version: 3 }) }));
    api.assess.mockRejectedValue(refusal(409, "CONFLICT", "Penilaian ini telah diubah; muat ulang lalu coba lagi."));
    const page = await open();
    expect(page.get("[data-testid=assessment-status]").text()).toContain("Menunggu dibaca pegawai");
    await page.get("[data-testid=assessment-edit]").trigger("click");
    expect(page.get<HTMLInputElement>("[data-testid=realisation-input]").element.value).toBe("3");
    await page.get("[data-testid=assessment-form]").trigger("submit");
    await flushPromises();
    expect(api.assess.mock.calls[0][2]).toMatchObject({ version: 3, realisations: [{ value: "3 laporan" }] });
    expect(page.get("[data-testid=assessment-conflict]").text()).toContain("sudah berubah di tempat lain");
    page.unmount();
  });

  it("puts the API's message next to the realisation it names", async () => {
    api.quarter.mockResolvedValue(quarterSummary({ targets: [quarterTarget(), quarterTarget({ rhk_id: "0e0e0e0e0e0e", text: "Pembinaan" })] }));
    api.assess.mockRejectedValue(refusal(422, "INDICATOR_UNKNOWN", "Indikator tidak ada pada RHK ini.", { field: "realisations.1.indicator" }));
    const page = await open();
    const inputs = page.findAll("[data-testid=realisation-input]");
    await inputs[0].setValue("3");
    await inputs[1].setValue("2");
    await page.get("[data-testid=results-SESUAI_EKSPEKTASI]").setValue(true);
    await page.get("[data-testid=behaviour-SESUAI_EKSPEKTASI]").setValue(true);
    await page.get("[data-testid=assessment-form]").trigger("submit");
    await flushPromises();
    expect(page.get("#realisasi-1-0-error").text()).toContain("Indikator tidak ada pada RHK ini.");
    page.unmount();
  });

  it("is read-only once the employee has read it", async () => {
    const read = assessment({ status: "ACKNOWLEDGED", status_label: "Sudah dibaca pegawai", acknowledged_at: "2026-12-08T02:00:00+00:00" });
    api.quarter.mockResolvedValue(quarterSummary({ assessment: read }));
    const page = await open();
    expect(page.get("[data-testid=assessment-final]").text()).toContain("tidak dapat diubah lagi");
    expect(page.get("[data-testid=assessment-status]").text()).toBe("Sudah dibaca pegawai pada 8 Desember 2026");
    expect(page.find("[data-testid=assessment-form]").exists()).toBe(false);
    expect(page.find("[data-testid=assessment-edit]").exists()).toBe(false);
    expect(page.find("[data-testid=assessment-pdf-prepare]").exists()).toBe(true);
    page.unmount();
  });

  it("offers no form once the year's SKP is closed", async () => {
    api.quarter.mockResolvedValue(quarterSummary({ quarter: 2, label: "Triwulan II 2026", skp_status: "CLOSED" }));
    const page = await open(`/skp/staf/${STAFF.nip}/2026/triwulan/2`);
    expect(page.get("[data-testid=quarter-closed]").text()).toContain("sudah selesai dinilai");
    expect(page.find("[data-testid=assessment-form]").exists()).toBe(false);
    page.unmount();
  });

  it("does not open a quarter that has not begun", async () => {
    const page = await open(`/skp/staf/${STAFF.nip}/2027/triwulan/1`);
    expect(page.get("[data-testid=quarter-not-started]").text()).toContain("Triwulan I 2027 belum dimulai");
    expect(api.quarter).not.toHaveBeenCalled();
    page.unmount();
  });
});
