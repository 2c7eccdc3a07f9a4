/**
 * The targets (RHK) of the signed-in employee's approved SKP of a year: what a report, a template and the report
 * list's filter choose from. Read once per year per page view (a year without an approved SKP, or without an SKP at
 * all, has none); a failure leaves the list empty with its message, and the form still works without an RHK.
 */
import { ref, watch, type Ref } from "vue";
import { skpApi, type SkpTarget } from "@/api/skp";
import { toProblem } from "@/lib/errors";

export function useApprovedTargets(year: Ref<number | null>) {
  const targets = ref<SkpTarget[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const known = new Map<number, SkpTarget[]>();

  async function load(wanted: number | null): Promise<void> {
    error.value = null;
    if (!wanted) {
      targets.value = [];
      return;
    }
    const cached = known.get(wanted);
    if (cached) {
      targets.value = cached;
      return;
    }
    loading.value = true;
    try {
      const skp = await skpApi.get(wanted);
      known.set(wanted, skp.approved_targets);
      if (year.value === wanted) targets.value = skp.approved_targets;
    } catch (e) {
      const problem = toProblem(e);
      if (problem.status === 404) known.set(wanted, []);
      else error.value = problem.message;
      if (year.value === wanted) targets.value = [];
    } finally {
      loading.value = false;
    }
  }

  watch(year, (now) => void load(now), { immediate: true });
  return { targets, loading, error, reload: () => load(year.value) };
}
