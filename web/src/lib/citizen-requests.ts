/**
 * Words and tones of tracked citizen requests (issue 22), shared by the officers' page and the public status page.
 * The labels are the server's (`LABELS`); here only the tone of each state and the order of the officers' tabs. A
 * step's time reads as in every list (`formatMoment` of `format.ts`: "14 Des 2026, 08.00 WIB").
 */
import { LABELS } from "@/api/labels";

export type Tone = "amber" | "green" | "red" | "grey" | "blue";

export const STATE_TONES: Record<string, Tone> = {
  RECORDED: "blue",
  READY: "amber",
  RETURNED: "red",
  DONE: "green",
  CANCELLED: "grey",
};

const STATE_WORDS: Readonly<Record<string, string>> = LABELS.citizen_request_state;
const UPDATE_WORDS: Readonly<Record<string, string>> = LABELS.citizen_request_update;

/** [state, the server's label] of each state. */
function tabs(...states: string[]): [string, string][] {
  return states.map((state) => [state, STATE_WORDS[state] ?? state]);
}

/** The officers' tabs: what the first office holds first; the second office's from what waits for it. */
export const ORIGIN_TABS = tabs("RECORDED", "RETURNED", "READY", "DONE", "CANCELLED");
export const TARGET_TABS = tabs("READY", "DONE", "RETURNED");

/** The documents an update can concern, with the server's labels. */
export const UPDATE_CHOICES: [string, string][] = Object.entries(UPDATE_WORDS);

/** The list's filters in the URL (UI.md: a link reproduces the view): `?sisi=asal|tujuan&status=<slug>`. */
export const SIDE_SLUGS: Record<"origin" | "target", string> = { origin: "asal", target: "tujuan" };
export const STATE_SLUGS: Record<string, string> = {
  RECORDED: "dicatat",
  READY: "siap",
  RETURNED: "dikembalikan",
  DONE: "selesai",
  CANCELLED: "dibatalkan",
};

/** The side and state a URL's query names; anything unknown falls back to the side's first tab. */
export function filtersFromQuery(sisi: unknown, status: unknown): { side: "origin" | "target"; state: string } {
  const side = sisi === SIDE_SLUGS.target ? "target" : "origin";
  const tabs = side === "origin" ? ORIGIN_TABS : TARGET_TABS;
  const state = tabs.find(([value]) => STATE_SLUGS[value] === status)?.[0] ?? tabs[0][0];
  return { side, state };
}

export function stateTone(state: string): Tone {
  return STATE_TONES[state] ?? "grey";
}

/** What someone typed as a tracking number, as the server reads it (upper case, spaces out). */
export function tidyNumber(text: string): string {
  return text.replace(/\s+/g, "").toUpperCase();
}
