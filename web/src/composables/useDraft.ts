/**
 * A report being written is kept in localStorage as the person types, so it survives a reload, a
 * closed tab and a lost connection. A draft whose sending failed for want of a connection is marked
 * `pending`; the app shell offers to send it when the connection returns.
 */
import { ref } from "vue";

export interface ReportFields {
  date: string;
  start_time: string;
  end_time: string;
  title: string;
  description: string;
  output: string;
  template_id: string;
  /** The RHK of the approved SKP the activity serves ("" none; a draft saved before issue 19 has none). */
  rhk_id?: string;
}

export interface Draft {
  fields: ReportFields;
  savedAt: number;
  /** Sending was tried and could not reach the server. */
  pending: boolean;
  /** Edit of an existing report: its id and the version the edit started from. */
  reportId?: string;
  version?: number;
  /** Copy of a rejected report. */
  copyOf?: string;
}

const PREFIX = "kinerja.draft.";
/** Bumped on every change so views that list drafts recompute. */
export const draftsRevision = ref(0);

export function draftKey(nip: string, kind: "new" | "edit" | "copy", id?: string): string {
  return `${PREFIX}${nip}.${kind}${id ? "." + id : ""}`;
}

export function loadDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    draftsRevision.value++;
  } catch {
    // storage full or disabled: the form still holds the text
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
  draftsRevision.value++;
}

export function hasContent(fields: ReportFields): boolean {
  return Boolean(fields.title.trim() || fields.description.trim() || fields.output.trim());
}

/** Drafts of `nip` whose sending waits for the connection. */
export function pendingDrafts(nip: string): { key: string; draft: Draft }[] {
  const found: { key: string; draft: Draft }[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(`${PREFIX}${nip}.`)) continue;
    const draft = loadDraft(key);
    if (draft?.pending) found.push({ key, draft });
  }
  return found;
}
