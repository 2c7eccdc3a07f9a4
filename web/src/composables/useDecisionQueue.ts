/**
 * The queue of one kind of verifiable work, for every kind: its pages ("Muat lebih banyak"), its
 * filters kept in the URL (a link reproduces the view), the selection, one decision or many with each
 * item's outcome, and the inbox (the badge) refreshed after each decision. The decision dialog reports
 * a refusal itself; a 409 is answered by `refresh()`, which reloads the items but keeps the outcomes.
 */
import { computed, reactive, ref, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useRoute, useRouter, type LocationQueryRaw } from "vue-router";
import { decisions, type BulkDecisionResult, type DecisionInput, type QueueQuery, type VerificationItem } from "@/api/decisions";
import { useSession } from "@/composables/useSession";
import { announce } from "@/composables/useToast";
import { kindView, verdictWords } from "@/lib/decisions";
import { toProblem } from "@/lib/errors";
import { formatNumber } from "@/lib/format";

/** The most items one bulk call takes (the API refuses more). */
export const BULK_LIMIT = 50;

export interface Outcome {
  ok: boolean;
  text: string;
}

export interface Filters {
  status: string;
  skpd: string;
  from: string;
  to: string;
  category: string;
  for: string;
}

/** Each filter's name in the URL (Indonesian, as the other lists of the app). */
const URL_NAMES: Record<keyof Filters, string> = {
  status: "status",
  skpd: "skpd",
  from: "dari",
  to: "sampai",
  category: "kategori",
  for: "untuk",
};

export function useDecisionQueue(kind: MaybeRefOrGetter<string | null>, limit = 20) {
  const route = useRoute();
  const router = useRouter();
  const session = useSession();

  const filters = computed(() => {
    const read = (name: string) => (typeof route.query[name] === "string" ? (route.query[name] as string) : "");
    return Object.fromEntries(Object.entries(URL_NAMES).map(([key, name]) => [key, read(name)])) as unknown as Filters;
  });
  const items = ref<VerificationItem[]>([]);
  const label = ref("");
  const count = ref(0);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const more = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const selected = reactive(new Set<string>());
  const outcomes = reactive<Record<string, Outcome>>({});

  const view = computed(() => kindView(toValue(kind) ?? "", label.value));
  const open = computed(() => items.value.filter((i) => i.verdicts.length > 0 && !outcomes[i.id]?.ok));
  const chosen = computed(() => open.value.filter((i) => selected.has(i.id)));
  const allSelected = computed(() => open.value.length > 0 && open.value.every((i) => selected.has(i.id)));

  function query(): QueueQuery {
    const f = filters.value;
    const applies = new Set(view.value.filters);
    return {
      status: applies.has("status") ? ((f.status || undefined) as QueueQuery["status"]) : undefined,
      skpd_id: applies.has("skpd") ? f.skpd || undefined : undefined,
      from: applies.has("dates") ? f.from || undefined : undefined,
      to: applies.has("dates") ? f.to || undefined : undefined,
      category: applies.has("category") ? f.category || undefined : undefined,
      for: applies.has("for") ? f.for || undefined : undefined,
      limit,
    };
  }

  /** The first page (or, with `append`, the next); `keep` leaves the outcomes shown (after a 409). */
  async function load(append = false, keep = false): Promise<void> {
    const current = toValue(kind);
    if (!current) return;
    if (append) more.value = true;
    else loading.value = true;
    if (!append && !keep) {
      selected.clear();
      notice.value = null;
      for (const id of Object.keys(outcomes)) delete outcomes[id];
    }
    error.value = null;
    try {
      const page = await decisions.queue(current, { ...query(), cursor: append ? (cursor.value ?? undefined) : undefined });
      if (toValue(kind) !== current) return; // another kind was chosen meanwhile
      items.value = append ? [...items.value, ...page.items] : page.items;
      label.value = page.label;
      count.value = page.count;
      cursor.value = page.next_cursor ?? null;
    } catch (e) {
      error.value = toProblem(e).message;
    } finally {
      loading.value = false;
      more.value = false;
    }
  }

  const loadMore = () => load(true);
  const refresh = () => load(false, true);

  /** Show the filters in the URL (the page follows the URL); empty ones are left out. */
  function setFilters(next: Partial<Filters>): void {
    const merged = { ...filters.value, ...next };
    const query: LocationQueryRaw = { ...route.query };
    for (const [key, name] of Object.entries(URL_NAMES) as [keyof Filters, string][]) query[name] = merged[key] || undefined;
    void router.replace({ query });
  }

  function toggle(id: string): void {
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
  }

  function toggleAll(): void {
    if (allSelected.value) selected.clear();
    else open.value.forEach((i) => selected.add(i.id));
  }

  /** One decision: the decided item replaces the shown one. A refusal is thrown for the dialog to show. */
  async function decide(item: VerificationItem, input: Omit<DecisionInput, "version">): Promise<VerificationItem> {
    const body: DecisionInput = { ...input, version: item.version ?? undefined };
    const decided = await decisions.decide(item.kind, item.id, body);
    items.value = items.value.map((i) => (i.id === item.id ? shownAfter(i, decided) : i));
    outcomes[item.id] = { ok: true, text: decided.status_label };
    selected.delete(item.id);
    count.value = Math.max(0, count.value - 1);
    announce(`${decided.status_label}: ${item.title}.`);
    void session.loadInbox();
    return decided;
  }

  /** Many at once (in calls of at most BULK_LIMIT), each item with its own outcome. */
  async function decideMany(chosenItems: VerificationItem[], input: Omit<DecisionInput, "version">): Promise<BulkDecisionResult> {
    const current = toValue(kind) ?? "";
    const total: BulkDecisionResult = { decided: 0, failed: 0, results: [] };
    const done = verdictWords(current, input.verdict).done;
    try {
      for (let start = 0; start < chosenItems.length; start += BULK_LIMIT) {
        const part = chosenItems.slice(start, start + BULK_LIMIT).map((i) => ({ id: i.id, version: i.version ?? undefined }));
        const result = await decisions.decideMany(current, { ...input, items: part });
        total.decided += result.decided;
        total.failed += result.failed;
        total.results.push(...result.results);
      }
    } finally {
      for (const r of total.results) {
        outcomes[r.id] =
          r.outcome === "DECIDED" ? { ok: true, text: labelOf(r) ?? done } : { ok: false, text: r.message || "Tidak dapat diproses." };
        if (r.outcome === "DECIDED") selected.delete(r.id);
      }
      count.value = Math.max(0, count.value - total.decided);
      if (total.results.length) void session.loadInbox();
    }
    const noun = view.value.noun;
    notice.value =
      `${formatNumber(total.decided)} ${noun} ${done.toLowerCase()}.` +
      (total.failed ? ` ${formatNumber(total.failed)} tidak dapat diproses; lihat keterangan di tiap ${noun}.` : "");
    announce(notice.value, total.failed ? "error" : "info");
    return total;
  }

  watch(
    () => JSON.stringify([toValue(kind), filters.value]),
    () => void load(),
    { immediate: true },
  );

  // prettier-ignore
  return {
    view, filters, items, label, count, cursor, loading, more, error, notice,
    selected, outcomes, open, chosen, allSelected,
    load, loadMore, refresh, setFilters, toggle, toggleAll, decide, decideMany,
  };
}

export type DecisionQueue = ReturnType<typeof useDecisionQueue>;

/**
 * The card of a decided item: the API's answer, but the person it is about as the queue showed them. A
 * decision's answer may come without the employee's name and jabatan (a leave decision did), and the card then
 * read "Pegawai" with no jabatan right after the decision (issue 18, item 8).
 */
export function shownAfter(shown: VerificationItem, decided: VerificationItem): VerificationItem {
  const employee = { ...shown.employee };
  for (const [key, value] of Object.entries(decided.employee ?? {})) if (value != null && value !== "") Object.assign(employee, { [key]: value });
  return { ...decided, employee, verdicts: [] };
}

/** A bulk outcome's status in words, where the API gives it (else the verdict's word is shown). */
function labelOf(outcome: Record<string, unknown>): string | null {
  return typeof outcome.status_label === "string" && outcome.status_label ? outcome.status_label : null;
}
