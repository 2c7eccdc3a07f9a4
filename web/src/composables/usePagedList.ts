/**
 * A list read page by page ("Muat lebih banyak"): the items so far, the next page's cursor, the two busy states
 * (the first page, a further page) and the last failure. Every list page pages the same way, so it lives here once;
 * the page only says how to fetch one page.
 */
import { computed, ref, type Ref } from "vue";
import { toProblem, type Problem } from "@/lib/errors";

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** What `usePagedList` gives: handed whole to a component that shows the list (`MyRequestsList`). */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const items = ref<T[]>([]) as Ref<T[]>;
  const cursor = ref<string | null>(null);
  const loading = ref(true); // until the first page is read: no "nothing here" flashes before it
  const more = ref(false);
  const problem = ref<Problem | null>(null);

  /** The first page again (after a filter changed): a failure empties the list and says why. */
  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      const page = await fetchPage(null);
      items.value = page.items;
      cursor.value = page.next_cursor ?? null;
    } catch (e) {
      items.value = [];
      cursor.value = null;
      problem.value = toProblem(e);
    } finally {
      loading.value = false;
    }
  }

  /** The next page after what is shown; a failure keeps what is shown and says why. */
  async function loadMore(): Promise<void> {
    if (!cursor.value) return;
    more.value = true;
    problem.value = null;
    try {
      const page = await fetchPage(cursor.value);
      items.value = [...items.value, ...page.items];
      cursor.value = page.next_cursor ?? null;
    } catch (e) {
      problem.value = toProblem(e);
    } finally {
      more.value = false;
    }
  }

  const error = computed(() => problem.value?.message ?? null);
  return { items, cursor, loading, more, problem, error, load, loadMore };
}
