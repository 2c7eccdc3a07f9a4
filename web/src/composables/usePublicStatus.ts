/**
 * A public status page (`/kritis/:no`, `/status-permohonan/:no`): the number in the address, its status read again
 * whenever the number changes, the words for a number nobody knows (404) or that is not one, and the box to look up
 * another number. Both public status pages behave alike, so it lives here once; a page says how its numbers look,
 * where they are read and what it says when one is not found.
 */
import { computed, ref, watch, type Ref } from "vue";
import { useRoute, useRouter } from "vue-router";
import { toProblem } from "@/lib/errors";

/** `/…/cek`: the page without a number yet (the form links to it), not a mistyped number. */
const LOOK_UP_ONLY = "cek";

export interface PublicStatusOptions<T> {
  /** The number the address holds ("" when it holds none). */
  fromRoute: (param: string) => string;
  /** A number typed by hand, tidied ("" when it is not one). */
  tidy: (typed: string) => string;
  /** The status of a number from the API. */
  fetch: (number: string) => Promise<T>;
  /** The address of a number's status page. */
  path: (number: string) => string;
  /** What the page says when the API knows no such number. */
  notFound: string;
  /** What the page says when a number is not one (typed, or in the address); without it such a number is passed over. */
  badNumber?: string;
}

export function usePublicStatus<T>(options: PublicStatusOptions<T>) {
  const route = useRoute();
  const router = useRouter();
  const status = ref<T | null>(null) as Ref<T | null>;
  const problem = ref<string | null>(null);
  const loading = ref(false);
  const typed = ref("");

  const param = computed(() => (typeof route.params.no === "string" ? route.params.no : ""));
  const number = computed(() => (param.value ? options.fromRoute(param.value) : ""));

  async function load(): Promise<void> {
    status.value = null;
    problem.value = null;
    if (!number.value) {
      if (options.badNumber && param.value && param.value !== LOOK_UP_ONLY) problem.value = options.badNumber;
      return;
    }
    loading.value = true;
    try {
      status.value = await options.fetch(number.value);
    } catch (e) {
      const found = toProblem(e);
      problem.value = found.status === 404 ? options.notFound : found.message;
    } finally {
      loading.value = false;
    }
  }

  /** The typed number's page; a number that is not one stays here (and says so when the page has words for it). */
  async function lookUp(): Promise<void> {
    const wanted = options.tidy(typed.value);
    if (!wanted) {
      if (options.badNumber) problem.value = options.badNumber;
      return;
    }
    typed.value = "";
    await router.push(options.path(wanted));
  }

  watch(number, () => void load(), { immediate: true });
  return { status, problem, loading, typed, number, lookUp };
}

/** What `usePublicStatus` gives: handed whole to `PublicStatusLookup`. */
export type PublicStatus<T> = ReturnType<typeof usePublicStatus<T>>;
