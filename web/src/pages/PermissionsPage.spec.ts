import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { permissionsApi, type Permission } from "@/api/permissions";
import { useSession } from "@/composables/useSession";
import { ApiError } from "@/lib/errors";
import PermissionsPage from "./PermissionsPage.vue";

vi.mock("@/api/permissions", () => ({ permissionsApi: { list: vi.fn(), request: vi.fn(), withdraw: vi.fn() } }));
const api = vi.mocked(permissionsApi);
const NIP = "199001152015032001";

function permission(fields: Partial<Permission> = {}): Permission {
  return {
    permission_id: `${NIP}.2026-12-14.a1b2c3d4e5f6`,
    reference: "IZN/2026/000001",
    nip: NIP,
    skpd_id: "DINKES",
    satker_id: "PKM-1",
    kind: "IZIN_PULANG_CEPAT",
    kind_label: "Izin pulang cepat",
    date: "2026-12-14",
    start: null,
    end: null,
    reason: "Mengantar anak berobat ke puskesmas",
    status: "SUBMITTED",
    status_label: "Diajukan",
    submitted_at: "2026-12-07T03:00:00+00:00",
    supervisor_nip: "197512102000031003",
    decided_by: null,
    decided_at: null,
    note: null,
    version: 1,
    ...fields,
  } as Permission;
}

async function open() {
  const page = mount(PermissionsPage, { global: { stubs: { RouterLink: true } }, attachTo: document.body });
  await flushPromises();
  return page;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T03:00:00Z") });
  useSession().state.profile = { nip: NIP, roles: ["PEGAWAI"], timezone: "WIB" } as never;
  api.list.mockResolvedValue({ items: [], next_cursor: null });
  document.body.innerHTML = "";
});

describe("PermissionsPage", () => {
  it("lists own permissions with their status in words and withdraws one still Diajukan", async () => {
    const approved = permission({
      permission_id: `${NIP}.2026-12-08.0f0f0f0f0f0f`,
      reference: "IZN/2026/000002",
      kind: "IZIN_KELUAR_KANTOR",
      date: "2026-12-08",
      start: "09:00",
      end: "11:00",
      status: "APPROVED",
      status_label: "Disetujui",
    });
    api.list.mockResolvedValue({ items: [permission(), approved], next_cursor: null });
    api.withdraw.mockResolvedValue(permission({ status: "WITHDRAWN", status_label: "Ditarik", version: 2 }));
    const page = await open();
    const rows = page.findAll("[data-testid=permission-item]");
    expect(rows.map((r) => r.get("[data-testid=permission-status]").text())).toEqual(["Diajukan", "Disetujui"]);
    expect(rows[0].text()).toContain("Izin pulang cepat");
    expect(rows[1].text()).toContain("8 Desember 2026 · 09.00–11.00 WIB · IZN/2026/000002");
    expect(rows[1].find("button").exists()).toBe(false); // decided: nothing to withdraw
    await rows[0].get("button").trigger("click");
    await flushPromises();
    expect(api.withdraw).toHaveBeenCalledWith(permission());
    expect(page.findAll("[data-testid=permission-status]")[0].text()).toBe("Ditarik");
    page.unmount();
  });

  it("asks for the hours only for keluar kantor, checks the answers once more, then sends them", async () => {
    api.request.mockResolvedValue(
      permission({ kind: "IZIN_KELUAR_KANTOR", start: "09:00", end: "11:00", reference: "IZN/2026/000007" }),
    );
    const page = await open();
    await page.get("form").trigger("submit");
    expect(page.get("[role=alert]").text()).toContain("Pilih jenis izin.");
    expect(page.find("#start").exists()).toBe(false);
    await page.get("[data-testid=kind-IZIN_KELUAR_KANTOR]").setValue(true);
    await page.get("#date").setValue("2026-12-14");
    await page.get("#start").setValue("09:00");
    await page.get("#end").setValue("11:00");
    await page.get("#reason").setValue("  Mengurus KTP di kantor kecamatan  ");
    await page.get("form").trigger("submit");
    await flushPromises();
    const review = page.get("[data-testid=permission-review]");
    expect(review.get("[data-testid=review-kind]").text()).toBe("Izin keluar kantor");
    expect(review.get("[data-testid=review-date]").text()).toBe("Senin, 14 Desember 2026");
    expect(review.get("[data-testid=review-hours]").text()).toBe("09.00–11.00 WIB");
    await review.findAll("button").find((b) => b.text() === "Kirim izin")!.trigger("click");
    await flushPromises();
    expect(api.request).toHaveBeenCalledWith({
      kind: "IZIN_KELUAR_KANTOR",
      date: "2026-12-14",
      reason: "Mengurus KTP di kantor kecamatan",
      start: "09:00",
      end: "11:00",
    });
    expect(page.get("[data-testid=permission-sent]").text()).toContain("IZN/2026/000007");
    expect(page.findAll("[data-testid=permission-item]")).toHaveLength(1);
    page.unmount();
  });

  it("shows the server's refusal beside the answer to change", async () => {
    api.request.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "NOT_A_WORKING_DAY",
        message: "Tanggal 12 Desember 2026 bukan hari kerja; izin tidak diperlukan.",
        details: { field: "day" },
        field: "day",
      }),
    );
    const page = await open();
    await page.get("[data-testid=kind-IZIN_TIDAK_MASUK]").setValue(true);
    await page.get("#date").setValue("2026-12-12");
    await page.get("#reason").setValue("Menghadiri pemakaman kerabat");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(page.find("#start").exists()).toBe(false);
    await page.get("[data-testid=permission-review]").findAll("button")[0].trigger("click");
    await flushPromises();
    expect(page.find("[data-testid=permission-review]").exists()).toBe(false);
    expect(page.get("#date-error").text()).toContain("bukan hari kerja");
    expect(page.get("#date").attributes("aria-invalid")).toBe("true");
    page.unmount();
  });
});
