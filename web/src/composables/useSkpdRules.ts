/**
 * An SKPD's rules form on /jam-kerja ("Potongan TPP", "Aturan presensi"): the rules read for the chosen SKPD (again
 * when it changes; a late answer for an SKPD no longer chosen is dropped), the form filled from them, saved with the
 * version read and filled again from the server's answer, and what failed — the summary and the field it names.
 * Both forms keep their rules alike, so it lives here once; a form says where its rules are, how they fill it and
 * how it reads back into the body it saves.
 */
import { ref, watch, type Ref } from "vue";
import { announce } from "@/composables/useToast";
import { toProblem } from "@/lib/errors";

export interface SkpdRulesOptions<R, B> {
  /** The chosen SKPD ("" before there is one). */
  skpdId: () => string;
  read: (skpdId: string) => Promise<R>;
  write: (skpdId: string, body: B) => Promise<R>;
  /** Fills the form from rules the server sent. */
  fill: (rules: R) => void;
  /** The form as the body to save, or the errors by field id (no body) when something is off. */
  body: () => { body?: B; errors: Record<string, string> };
  /** The form field's id for a field the API names. */
  fieldId: (field: string) => string;
  /** What the toast says once saved. */
  saved: string;
}

export function useSkpdRules<R, B>(options: SkpdRulesOptions<R, B>) {
  const shown = ref<R | null>(null) as Ref<R | null>;
  const loading = ref(false);
  const saving = ref(false);
  const summary = ref<string | null>(null);
  const fields = ref<Record<string, string>>({});

  function show(rules: R): void {
    shown.value = rules;
    options.fill(rules);
  }

  let asked = 0;

  async function load(): Promise<void> {
    const skpdId = options.skpdId();
    if (!skpdId) return;
    const mine = ++asked;
    loading.value = true;
    summary.value = null;
    fields.value = {};
    try {
      const rules = await options.read(skpdId);
      if (mine === asked) show(rules);
    } catch (e) {
      if (mine === asked) summary.value = toProblem(e).message;
    } finally {
      if (mine === asked) loading.value = false;
    }
  }

  async function save(): Promise<void> {
    summary.value = null;
    const { body, errors } = options.body();
    fields.value = errors;
    if (!body) {
      summary.value = "Periksa kembali isian yang ditandai.";
      return;
    }
    saving.value = true;
    try {
      show(await options.write(options.skpdId(), body));
      announce(options.saved);
    } catch (e) {
      const problem = toProblem(e);
      summary.value = problem.message;
      fields.value = problem.field ? { [options.fieldId(problem.field)]: problem.message } : {};
    } finally {
      saving.value = false;
    }
  }

  watch(options.skpdId, load, { immediate: true });
  return { shown, loading, saving, summary, fields, load, save };
}
