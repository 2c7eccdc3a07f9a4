import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { assessmentApi } from "@/api/assessment";
import { skpApi } from "@/api/skp";
import { useSession } from "@/composables/useSession";
import { ApiError } from "@/lib/errors";
import { skp, skpTarget } from "@/test/skp";
import SkpPage from "./SkpPage.vue";

vi.mock("@/api/skp", () => ({
  skpApi: { get: vi.fn(), create: vi.fn(), save: vi.fn(), submit: vi.fn(), versions: vi.fn(), cascade: vi.fn(), parents: vi.fn() },
}));
vi.mock("@/api/assessment", () => ({ assessmentApi: { quarter: vi.fn(), assess: vi.fn(), pdf: vi.fn() } }));
const api = vi.mocked(skpApi);

const refusal = (status: number, code: string, message: string, details: Record<string, unknown> = {}) =>
  new ApiError({ status, code, message, details, field: typeof details.field === "string" ? details.field : undefined });

const BOSS = { nip: "197512102000031003", name: "dr. Andi Wijaya", jabatan: "Kepala Dinas" };

async function open(path = "/skp") {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/skp", component: SkpPage },
      { path: "/:rest(.*)*", component: { template: "<p />" } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const page = mount(SkpPage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return { page, router };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T03:00:00Z") });
  useSession().state.profile = { nip: "199001152015032001", roles: ["PEGAWAI"], timezone: "WIB", supervisor: BOSS } as never;
  api.parents.mockResolvedValue([]);
  api.versions.mockResolvedValue({ items: [] });
  document.body.innerHTML = "";
});

describe("SkpPage", () => {
  it("offers to create the year's SKP when there is none, then opens the first target", async () => {
    api.get.mockRejectedValue(refusal(404, "SKP_NOT_FOUND", "SKP tidak ditemukan."));
    api.create.mockResolvedValue(skp());
    const { page } = await open();
    expect(page.get("h1").text()).toBe("SKP 2026");
    expect(page.get("[data-testid=skp-none]").text()).toContain("Belum ada SKP 2026");
    await page.get("[data-testid=skp-create]").trigger("click");
    await flushPromises();
    expect(api.create).toHaveBeenCalledWith(2026);
    expect(page.findAll("[data-testid=rhk-editor]")).toHaveLength(1);
    page.unmount();
  });

  it("saves two targets with the version read, checks them once more, then submits", async () => {
    api.get.mockResolvedValue(skp());
    api.parents.mockResolvedValue([skpTarget({ rhk_id: "f0f0f0f0f0f0", text: "Meningkatnya kualitas pengelolaan keuangan" })]);
    const saved = skp({
      version: 2,
      targets: [skpTarget(), skpTarget({ rhk_id: "0e0e0e0e0e0e", text: "Terlaksananya pembinaan", kind: "TAMBAHAN", kind_label: "Tambahan" })],
    });
    api.save.mockResolvedValue(saved);
    api.submit.mockResolvedValue({ ...saved, status: "SUBMITTED", status_label: "Diajukan", penilai: BOSS, version: 3 });
    const { page } = await open();
    await page.get("[data-testid=skp-edit]").trigger("click");
    const fill = async (t: number, text: string, indicator: string, target: string, unit: string) => {
      const editor = page.findAll("[data-testid=rhk-editor]")[t];
      await editor.get("[data-testid=rhk-text]").setValue(text);
      await editor.get("[data-testid=indicator-text]").setValue(indicator);
      await editor.get("[data-testid=indicator-target]").setValue(target);
      await editor.get("[data-testid=indicator-unit]").setValue(unit);
    };
    await fill(0, "Tersusunnya laporan keuangan triwulan tepat waktu", "Laporan keuangan triwulan yang disusun", "4", "laporan");
    await page.findAll("[data-testid=rhk-editor]")[0].get("[data-testid=rhk-parent]").setValue("f0f0f0f0f0f0");
    await page.get("[data-testid=rhk-add]").trigger("click");
    expect(page.findAll("[data-testid=rhk-editor]")[1].get<HTMLInputElement>("[data-testid=rhk-kind-TAMBAHAN]").element.checked).toBe(true);
    await fill(1, "Terlaksananya pembinaan", "Pegawai dibina", "2,5", "orang");
    await page.get("[data-testid=skp-form]").trigger("submit");
    await flushPromises();
    expect(api.save).toHaveBeenCalledWith(
      "199001152015032001.2026",
      [
        { text: "Tersusunnya laporan keuangan triwulan tepat waktu", kind: "UTAMA", parent_rhk_id: "f0f0f0f0f0f0", indicators: [{ text: "Laporan keuangan triwulan yang disusun", target: 4, unit: "laporan" }] },
        { text: "Terlaksananya pembinaan", kind: "TAMBAHAN", parent_rhk_id: null, indicators: [{ text: "Pegawai dibina", target: 2.5, unit: "orang" }] },
      ],
      1,
    );
    const check = page.get("[data-testid=skp-check]");
    expect(check.get("h2").text()).toBe("Periksa kembali SKP Anda");
    expect(check.findAll("[data-testid=rhk-item]")).toHaveLength(2);
    expect(check.text()).toContain("2 (1 utama)");
    expect(check.get("[data-testid=skp-check-penilai]").text()).toBe("dr. Andi Wijaya, Kepala Dinas");
    await page.get("[data-testid=skp-submit]").trigger("click");
    await flushPromises();
    expect(api.submit).toHaveBeenCalledWith("199001152015032001.2026", 2);
    expect(page.get("[data-testid=skp-status]").text()).toBe("Diajukan");
    expect(page.get("[data-testid=skp-waiting]").text()).toContain("dr. Andi Wijaya, Kepala Dinas");
    expect(page.find("[data-testid=skp-edit]").exists()).toBe(false);
    page.unmount();
  });

  it("checks the form before sending and shows each message at its field and in the summary", async () => {
    api.get.mockResolvedValue(skp());
    const { page } = await open();
    await page.get("[data-testid=skp-edit]").trigger("click");
    await page.get("[data-testid=skp-save]").trigger("click");
    await flushPromises();
    expect(api.save).not.toHaveBeenCalled();
    const summary = page.get("[data-testid=error-summary]");
    expect(summary.findAll("a").map((a) => a.attributes("href"))).toContain("#targets.0.text");
    expect(page.get("[id='targets.0.text-error']").text()).toContain("Isi uraian RHK 1.");
  });

  it("puts the API's refusal of a field next to that field", async () => {
    api.get.mockResolvedValue(skp({ targets: [skpTarget({ parent_rhk_id: "999999999999" })] }));
    api.save.mockRejectedValue(
      refusal(422, "PARENT_RHK_UNKNOWN", "RHK atasan tidak ada di SKP atasan yang disetujui.", { field: "targets.0.parent_rhk_id" }),
    );
    const { page } = await open();
    await page.get("[data-testid=skp-edit]").trigger("click");
    await page.get("[data-testid=rhk-text]").setValue("Tersusunnya laporan keuangan tahunan");
    await page.get("[data-testid=skp-save]").trigger("click");
    await flushPromises();
    expect(page.get("[id='targets.0.parent_rhk_id-error']").text()).toContain("RHK atasan tidak ada di SKP atasan yang disetujui.");
    expect(page.findAll("[data-testid=rhk-parent] option").at(-1)?.text()).toBe("RHK atasan yang tidak berlaku lagi");
    expect(page.find("[data-testid=skp-form]").exists()).toBe(true);
  });

  it("explains a conflict and keeps what the person typed", async () => {
    api.get.mockResolvedValue(skp({ targets: [skpTarget()] }));
    api.save.mockRejectedValue(refusal(409, "CONFLICT", "Data sudah berubah."));
    const { page } = await open();
    await page.get("[data-testid=skp-edit]").trigger("click");
    await page.get("[data-testid=rhk-text]").setValue("Teks saya yang baru");
    await page.get("[data-testid=skp-save]").trigger("click");
    await flushPromises();
    expect(page.get("[data-testid=skp-conflict]").text()).toContain("SKP ini sudah berubah di tempat lain");
    expect(page.get<HTMLTextAreaElement>("[data-testid=rhk-text]").element.value).toBe("Teks saya yang baru");
  });

  it("shows a returned SKP's note, the approved versions and that reports keep the approved RHK meanwhile", async () => {
    const approved = [skpTarget()];
    api.get.mockResolvedValue(
      skp({ status: "RETURNED", status_label: "Dikembalikan", note: "Tambahkan indikator kualitas.", penilai: BOSS, targets: approved, approved_targets: approved, approved_version: 1 }),
    );
    api.versions.mockResolvedValue({ items: [{ approved_version: 1, approved_at: "2026-02-03T02:00:00Z", approved_by: BOSS.nip, targets: approved }] });
    const { page } = await open();
    expect(page.get("[data-testid=skp-status]").text()).toBe("Dikembalikan");
    expect(page.get("[data-testid=skp-status]").classes()).toContain("red");
    expect(page.get("[data-testid=skp-note]").text()).toContain("Tambahkan indikator kualitas.");
    expect(page.get("[data-testid=skp-pending-change]").text()).toContain("RHK versi 1");
    const versions = page.get("[data-testid=skp-versions]");
    expect(versions.text()).toContain("Versi 1");
    expect(versions.text()).toContain("3 Feb 2026");
    expect(page.find("[data-testid=skp-review]").exists()).toBe(true);
  });

  it("lists the quarters' assessments once the SKP has approved targets, and not before", async () => {
    const approved = [skpTarget()];
    vi.mocked(assessmentApi.quarter).mockRejectedValue(refusal(404, "SKP_NOT_FOUND", "SKP tidak ditemukan."));
    api.get.mockResolvedValue(skp({ status: "APPROVED", status_label: "Disetujui", penilai: BOSS, targets: approved, approved_targets: approved, approved_version: 1 }));
    const { page } = await open();
    expect(page.get("[data-testid=skp-quarters]").text()).toContain("Penilaian triwulan");
    expect(page.findAll("[data-testid=skp-quarter]")).toHaveLength(4);
    expect(vi.mocked(assessmentApi.quarter)).toHaveBeenCalledWith("199001152015032001.2026", 4);
    page.unmount();
    api.get.mockResolvedValue(skp());
    const { page: draft } = await open();
    expect(draft.find("[data-testid=skp-quarters]").exists()).toBe(false);
  });

  it("opens another year from the URL", async () => {
    api.get.mockRejectedValue(refusal(404, "SKP_NOT_FOUND", "SKP tidak ditemukan."));
    const { page } = await open("/skp?tahun=2027");
    expect(api.get).toHaveBeenCalledWith(2027);
    expect(page.get("h1").text()).toBe("SKP 2027");
  });
});
