/**
 * Kritis (issue 22): what the screens need beyond the API — the proof-of-work's check (leading zero bits of a
 * SHA-256), the kinds offered on the form in the server's words, the colour of each state, a number typed by hand
 * tidied, and the steps a status page shows.
 */
import { LABELS } from "@/api/labels";
import type { Tone } from "@/lib/words";

export const KINDS = Object.entries(LABELS.kritis_kind).map(([value, label]) => ({ value, label }));
export const STATE_LABELS: Readonly<Record<string, string>> = LABELS.kritis_state;
export const MIN_DESCRIPTION = 20;
export const MAX_DESCRIPTION = 2000;

/** How many zero bits `digest` starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let count = 0;
  for (const byte of digest) {
    if (byte === 0) {
      count += 8;
      continue;
    }
    return count + Math.clz32(byte) - 24;
  }
  return count;
}

/** The colour of a state (always shown with the server's label). */
export function stateTone(state: string): Tone {
  if (state === "DITINDAKLANJUTI") return "green";
  if (state === "DITUTUP") return "grey";
  return "amber";
}

/** A number as a person types it ("kr-2026-7f3k 9q2m") in the form the server reads, or "" when it cannot be one. */
export function tidyNumber(text: string): string {
  const compact = text.toUpperCase().replace(/\s+/g, "");
  const match = /^KR-?(20\d\d)-?([0-9A-Z]{8})$/.exec(compact);
  return match ? `KR-${match[1]}-${match[2]}` : "";
}

export interface Step {
  label: string;
  at: string | null;
  done: boolean;
}

/** The steps of an item as the status page lists them: each reached one with its moment, the next ones waiting. */
export function steps(status: {
  state: string;
  filed_at: string;
  forwarded_at?: string | null;
  decided_at?: string | null;
  followed_up_at?: string | null;
  closed_at?: string | null;
}): Step[] {
  const filed = { label: "Diterima", at: status.filed_at, done: true };
  if (status.state === "DITUTUP") return [filed, { label: "Ditutup", at: status.closed_at ?? null, done: true }];
  return [
    filed,
    { label: "Diteruskan ke pimpinan", at: status.forwarded_at ?? null, done: !!status.forwarded_at },
    { label: "Diputuskan pimpinan", at: status.decided_at ?? null, done: !!status.decided_at },
    { label: "Ditindaklanjuti", at: status.followed_up_at ?? null, done: !!status.followed_up_at },
  ];
}

/** The refusals of the proof-of-work a fresh challenge cures (expired, from another IP, used, unsolved). */
export const RENEWABLE = new Set(["CHALLENGE_INVALID", "CHALLENGE_USED", "PROOF_OF_WORK_INVALID"]);

/**
 * Send once; on a refusal a fresh challenge cures, renew the challenge and send once more by itself — the citizen
 * never reloads, so nothing typed is lost (UI.md). Any other failure, or a second refusal, is the caller's.
 */
export async function sendWithFreshChallenge<T>(
  send: () => Promise<T>,
  renew: () => Promise<void>,
  codeOf: (error: unknown) => string,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!RENEWABLE.has(codeOf(error))) throw error;
    await renew();
    return await send();
  }
}

/** What the form keeps for the tab (sessionStorage: gone when the tab closes, never shared with another tab). */
export interface KritisDraft {
  skpd_id: string;
  kind: string;
  description: string;
  contact: string;
}

export const DRAFT_KEY = "kinerja.kritis.draft";

export function loadKritisDraft(storage: Pick<Storage, "getItem"> = sessionStorage): KritisDraft | null {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    const found = raw ? (JSON.parse(raw) as Partial<KritisDraft>) : null;
    if (!found || typeof found !== "object") return null;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    return {
      skpd_id: text(found.skpd_id),
      kind: text(found.kind),
      description: text(found.description),
      contact: text(found.contact),
    };
  } catch {
    return null;
  }
}

export function saveKritisDraft(
  draft: KritisDraft,
  storage: Pick<Storage, "setItem" | "removeItem"> = sessionStorage,
): void {
  try {
    if (draft.description.trim() || draft.contact.trim()) storage.setItem(DRAFT_KEY, JSON.stringify(draft));
    else storage.removeItem(DRAFT_KEY);
  } catch {
    // storage full or disabled: the form still holds the text
  }
}

export function clearKritisDraft(storage: Pick<Storage, "removeItem"> = sessionStorage): void {
  try {
    storage.removeItem(DRAFT_KEY);
  } catch {
    // nothing to clear
  }
}

/** The count shown beside a state in the officers' filter: only the states the server counts (the open ones);
 * a closed state shows none rather than a false 0. */
export function stateCount(counts: Readonly<Record<string, number>> | undefined, state: string): number | null {
  const value = counts?.[state];
  return typeof value === "number" ? value : null;
}
