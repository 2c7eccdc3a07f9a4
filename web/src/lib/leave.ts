/** Leave (cuti): where a request is in its flow, and the working days a chosen span holds. */
import type { Schemas } from "@/api/client";
import { LABELS } from "@/api/labels";
import { namedPerson } from "@/lib/people";

export type Leave = Schemas["LeaveRequest"];

export interface FlowStep {
  label: string;
  state: "done" | "current" | "todo" | "stopped";
  detail?: string;
  /** who took the step, by name and jabatan, and for whom when a delegate took it (issue 18) */
  by?: string;
}

type Person = { nip: string; name?: string | null; jabatan?: string | null } | null;
type StepLike =
  | { decision: string; note?: string | null; by?: string; on_behalf_of?: string | null; by_person?: Person; on_behalf_of_person?: Person }
  | null
  | undefined;

/** "oleh dr. Andi Wijaya, Kepala Puskesmas (atas nama …)"; the NIP only when the server could not name them */
function takenBy(step: StepLike): string | undefined {
  if (!step?.by) return undefined;
  const who = namedPerson(step.by_person ?? { nip: step.by });
  if (!step.on_behalf_of) return `oleh ${who}`;
  return `oleh ${who}, atas nama ${namedPerson(step.on_behalf_of_person ?? { nip: step.on_behalf_of })}`;
}

function stopped(step: StepLike): string | undefined {
  if (!step || step.decision === "APPROVED") return undefined;
  const verdict = (LABELS.leave_verdict as Record<string, string>)[step.decision] ?? LABELS.leave_verdict.REJECTED;
  return step.note ? `${verdict}: ${step.note}` : verdict;
}

/** The four steps (applied, the supervisor, the official, the letter number) and the state of each. */
export function flowOf(leave: Pick<Leave, "status" | "consideration" | "decision" | "letter_number" | "cancel_reason">): FlowStep[] {
  const s = leave.status;
  const considered = leave.consideration;
  // one decision covers both steps when the supervisor is also the official: approved without a decision
  const decided = leave.decision ?? (s === "APPROVED" || (s === "CANCELLED" && leave.letter_number) ? considered : null);
  const steps: FlowStep[] = [{ label: "Diajukan", state: "done" }];
  steps.push({
    label: "Pertimbangan atasan langsung",
    state: considered ? (considered.decision === "APPROVED" ? "done" : "stopped") : s === "PENDING_CONSIDERATION" ? "current" : s === "CANCELLED" ? "stopped" : "todo",
    detail: stopped(considered) ?? (s === "CANCELLED" && !considered ? LABELS.leave_status.CANCELLED : undefined),
    by: takenBy(considered),
  });
  steps.push({
    label: "Keputusan pejabat yang berwenang",
    state: decided ? (decided.decision === "APPROVED" ? "done" : "stopped") : s === "PENDING_DECISION" ? "current" : s === "CANCELLED" && considered ? "stopped" : "todo",
    detail: leave.decision ? stopped(leave.decision) : s === "CANCELLED" && considered && !decided ? LABELS.leave_status.CANCELLED : undefined,
    by: takenBy(decided),
  });
  steps.push({
    label: "Nomor surat",
    state: leave.letter_number ? "done" : s === "APPROVED" ? "current" : "todo",
    detail: leave.letter_number ?? undefined,
  });
  return steps;
}

/** Working days from `from` to `to` (inclusive) by the calendar's days; null when a month is missing. */
export function countWorkingDays(days: { date: string; working_day: boolean }[], from: string, to: string): number | null {
  if (!from || !to || to < from) return null;
  const inSpan = days.filter((d) => d.date >= from && d.date <= to);
  const expected = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (inSpan.length !== expected) return null;
  return inSpan.filter((d) => d.working_day).length;
}

/** The months ("2026-11") a span touches, at most `limit` of them (else null). */
export function monthsOf(from: string, to: string, limit = 4): string[] | null {
  if (!from || !to || to < from) return null;
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    months.push(month);
    if (month >= last) return months;
    if (months.length >= limit) return null;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}
