import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { computed, ref } from "vue";
import type { VerificationItem } from "@/api/decisions";
import type { DecisionQueue } from "@/composables/useDecisionQueue";
import { kindView } from "@/lib/decisions";
import { ApiError } from "@/lib/errors";
import { queueItem } from "@/test/decisions";
import DecisionDialog from "./DecisionDialog.vue";

function fakeQueue(kind: string, items: VerificationItem[]) {
  const shown = ref(items);
  const queue = {
    view: computed(() => kindView(kind)),
    items: shown,
    decide: vi.fn().mockResolvedValue(undefined),
    decideMany: vi.fn().mockResolvedValue(undefined),
    refresh: vi.fn().mockResolvedValue(undefined),
  };
  return { queue, shown, typed: queue as unknown as DecisionQueue };
}

function refusal(status: number, code: string, message: string, field?: string) {
  return new ApiError({ status, code, message, field, details: field ? { field } : {} });
}

describe("DecisionDialog", () => {
  it("approves one report with stars and a note", async () => {
    const item = queueItem();
    const { queue, typed } = fakeQueue("report", [item]);
    const dialog = mount(DecisionDialog, { props: { queue: typed, target: { items: [item], verdict: "APPROVE" } } });
    expect(dialog.get("h2").text()).toBe("Setujui laporan");
    expect(dialog.findAll("input[type=radio]")).toHaveLength(5);
    expect(dialog.get("label[for=decision-note]").text()).toBe("Catatan (opsional)");
    await dialog.findAll("input[type=radio]")[3].setValue(true);
    await dialog.get("textarea").setValue("  Rapi  ");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(queue.decide).toHaveBeenCalledWith(item, { verdict: "APPROVE", note: "Rapi", rating: 4 });
    expect(dialog.emitted("close")).toHaveLength(1);
  });

  it("has no stars where the kind takes no rating, nor for a rejection", () => {
    const leave = queueItem({ kind: "leave_consideration", rating: false, verdicts: ["APPROVE", "REJECT", "DEFER"] });
    const { typed } = fakeQueue("leave_consideration", [leave]);
    const approve = mount(DecisionDialog, { props: { queue: typed, target: { items: [leave], verdict: "DEFER" } } });
    expect(approve.get("h2").text()).toBe("Tangguhkan permohonan cuti");
    expect(approve.find("input[type=radio]").exists()).toBe(false);
    expect(approve.get("label[for=decision-note]").text()).toBe("Alasan penangguhan");
    const report = queueItem();
    const reject = mount(DecisionDialog, { props: { queue: fakeQueue("report", [report]).typed, target: { items: [report], verdict: "REJECT" } } });
    expect(reject.find("input[type=radio]").exists()).toBe(false);
  });

  it("shows the API's refusal at the top and at the note, keeping what was typed", async () => {
    const item = queueItem({ kind: "complaint", rating: false });
    const { queue, typed } = fakeQueue("complaint", [item]);
    queue.decide.mockRejectedValue(refusal(422, "REQUIRED", "Catatan wajib diisi.", "note"));
    const dialog = mount(DecisionDialog, { props: { queue: typed, target: { items: [item], verdict: "REJECT" } }, attachTo: document.body });
    await dialog.get("textarea").setValue(" ");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(dialog.get("[data-testid=error-summary]").text()).toContain("Catatan wajib diisi.");
    expect(dialog.get(".field-error").text()).toContain("Catatan wajib diisi.");
    expect(dialog.get("textarea").attributes("aria-invalid")).toBe("true");
    expect(dialog.emitted("close")).toBeUndefined();
    dialog.unmount();
  });

  it("explains a conflict and reloads, keeping the note to send again with the new version", async () => {
    const item = queueItem();
    const { queue, shown, typed } = fakeQueue("report", [item]);
    queue.decide.mockRejectedValueOnce(refusal(409, "CONFLICT", "Version mismatch"));
    queue.refresh.mockImplementation(async () => void (shown.value = [{ ...item, version: 5 }]));
    const dialog = mount(DecisionDialog, { props: { queue: typed, target: { items: [item], verdict: "REJECT" } } });
    await dialog.get("textarea").setValue("Lampirkan daftar hadir.");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(dialog.get("[data-testid=decision-conflict]").text()).toContain("Laporan ini sudah diubah di tempat lain.");
    expect(dialog.get("[data-testid=decision-confirm]").attributes("disabled")).toBeDefined();
    await dialog.get("[data-testid=decision-conflict] button").trigger("click");
    await flushPromises();
    expect(dialog.get("textarea").element.value).toBe("Lampirkan daftar hadir.");
    expect(dialog.text()).toContain("Keadaan terbaru sudah dimuat");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(queue.decide.mock.lastCall?.[0].version).toBe(5);
  });

  it("says when the item no longer waits, leaving the note to copy", async () => {
    const item = queueItem();
    const { queue, shown, typed } = fakeQueue("report", [item]);
    queue.decide.mockRejectedValueOnce(refusal(409, "ALREADY_DECIDED", "Laporan ini sudah diputuskan."));
    queue.refresh.mockImplementation(async () => void (shown.value = []));
    const dialog = mount(DecisionDialog, { props: { queue: typed, target: { items: [item], verdict: "APPROVE" } } });
    await dialog.get("textarea").setValue("Catatan panjang saya");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(dialog.get("[data-testid=decision-conflict]").text()).toContain("Laporan ini sudah diputuskan.");
    await dialog.get("[data-testid=decision-conflict] button").trigger("click");
    await flushPromises();
    expect(dialog.text()).toContain("tidak lagi menunggu keputusan Anda");
    expect(dialog.find("[data-testid=decision-confirm]").exists()).toBe(false);
    expect(dialog.get("textarea").element.value).toBe("Catatan panjang saya");
  });

  it("decides many at once, with the kind's own verb and no note where the kind takes none", async () => {
    const letters = [queueItem({ kind: "leave_number", id: "a", rating: false }), queueItem({ kind: "leave_number", id: "b", rating: false })];
    const { queue, typed } = fakeQueue("leave_number", letters);
    const dialog = mount(DecisionDialog, { props: { queue: typed, target: { items: letters, verdict: "APPROVE" } } });
    expect(dialog.get("h2").text()).toBe("Beri nomor surat cuti terpilih");
    expect(dialog.find("textarea").exists()).toBe(false);
    expect(dialog.get("[data-testid=decision-confirm]").text()).toBe("Beri nomor 2 surat cuti");
    await dialog.get("form").trigger("submit");
    await flushPromises();
    expect(queue.decideMany).toHaveBeenCalledWith(letters, { verdict: "APPROVE", note: undefined, rating: undefined });
  });
});
