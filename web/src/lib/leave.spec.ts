import { describe, expect, it } from "vitest";
import { countWorkingDays, flowOf, monthsOf } from "./leave";
import { sideGroups } from "./navigation";
import { leaveStatus, LEAVE_TYPE_LABELS } from "./words";

const base = { consideration: null, decision: null, letter_number: null, cancel_reason: null };
const step = (decision: string, note: string | null = null) => ({ decision, note }) as never;

describe("leave", () => {
  it("shows where a request is in the flow", () => {
    expect(flowOf({ ...base, status: "PENDING_CONSIDERATION" }).map((s) => s.state)).toEqual(["done", "current", "todo", "todo"]);
    expect(flowOf({ ...base, status: "PENDING_DECISION", consideration: step("APPROVED") }).map((s) => s.state)).toEqual([
      "done", "done", "current", "todo",
    ]);
    // the supervisor is also the official: one decision covers both steps
    const approved = flowOf({ ...base, status: "APPROVED", consideration: step("APPROVED") });
    expect(approved.map((s) => s.state)).toEqual(["done", "done", "done", "current"]);
    const numbered = flowOf({ ...base, status: "APPROVED", consideration: step("APPROVED"), letter_number: "1/CUTI/2026" });
    expect(numbered[3]).toEqual({ label: "Nomor surat", state: "done", detail: "1/CUTI/2026" });
    const deferred = flowOf({ ...base, status: "DEFERRED", consideration: step("DEFERRED", "Akreditasi") });
    expect(deferred[1]).toMatchObject({ state: "stopped", detail: "Ditangguhkan: Akreditasi" });
  });

  it("names who took a step and for whom, a NIP only for someone unknown", () => {
    const andi = { nip: "198001012005011001", name: "dr. Andi Wijaya", jabatan: "Kepala Puskesmas" };
    const boss = { nip: "197512102000031003", name: "Budi", jabatan: "Kepala Dinas" };
    const considered = { decision: "APPROVED", note: null, by: andi.nip, on_behalf_of: boss.nip, by_person: andi, on_behalf_of_person: boss };
    const flow = flowOf({ ...base, status: "PENDING_DECISION", consideration: considered as never });
    expect(flow[1].by).toBe("oleh dr. Andi Wijaya, Kepala Puskesmas, atas nama Budi, Kepala Dinas");
    expect(flow[2].by).toBeUndefined();
    const unknown = flowOf({ ...base, status: "PENDING_DECISION", consideration: { decision: "APPROVED", by: andi.nip } as never });
    expect(unknown[1].by).toMatch(/^oleh NIP 19800101/);
  });

  it("names types and statuses in Indonesian", () => {
    expect(LEAVE_TYPE_LABELS.ALASAN_PENTING).toBe("Cuti Karena Alasan Penting");
    expect(leaveStatus({ status: "APPROVED", letter_number: null }).label).toBe("Disetujui, menunggu nomor surat");
    expect(leaveStatus({ status: "REJECTED" })).toEqual({ label: "Tidak disetujui", tone: "red" });
  });

  it("counts working days of a span from the calendar", () => {
    const days = [
      { date: "2026-11-27", working_day: true },
      { date: "2026-11-28", working_day: false },
      { date: "2026-11-29", working_day: false },
      { date: "2026-11-30", working_day: true },
    ];
    expect(countWorkingDays(days, "2026-11-27", "2026-11-30")).toBe(2);
    expect(countWorkingDays(days, "2026-11-27", "2026-12-01")).toBeNull();
    expect(monthsOf("2026-11-27", "2027-01-02")).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(monthsOf("2026-01-01", "2026-12-31")).toBeNull();
  });
});

describe("leave in the navigation", () => {
  const labels = (roles: string[], verifier = false) =>
    sideGroups({ roles, verifier }).flatMap((g) => g.items.map((i) => i.label));

  it("gives everyone Cuti, deciders the one inbox (leave included) and HR the SKPD's leave", () => {
    expect(labels(["PEGAWAI"])).toContain("Cuti");
    expect(labels(["PEGAWAI"]).some((l) => ["Persetujuan", "Cuti pegawai"].includes(l))).toBe(false);
    for (const roles of [["PEGAWAI", "ATASAN"], ["PEGAWAI", "PENOMORAN"], ["PEGAWAI"]]) {
      expect(labels(roles, true)).toContain("Persetujuan");
      expect(labels(roles, true).some((l) => ["Persetujuan cuti", "Penomoran cuti"].includes(l))).toBe(false);
    }
    for (const role of ["KEPEGAWAIAN", "BKD", "ADMIN"]) expect(labels(["PEGAWAI", role])).toContain("Cuti pegawai");
    expect(labels(["PEGAWAI", "OPERATOR_SKPD"])).not.toContain("Cuti pegawai");
  });
});
