/** Ask for a PDF/Excel file (POST /exports, or another route that records an export job, e.g. the predicates
 * Excel) and poll GET /exports/{id} until the link is ready. */
import { onBeforeUnmount, ref } from "vue";
import { api, unwrap, type Schemas } from "@/api/client";
import { toProblem } from "@/lib/errors";

export type ExportRequest = Schemas["ExportRequest"];

export function useExportJob(intervalMs = 1500, limitMs = 5 * 60_000) {
  const state = ref<"idle" | "working" | "done" | "failed">("idle");
  const url = ref<string | null>(null);
  /** the name the browser saves the file under (a large PDF recap is a `.zip` of PDF parts) */
  const fileName = ref<string | null>(null);
  const format = ref<"pdf" | "xlsx">("pdf");
  const message = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function start(request: ExportRequest): Promise<void> {
    await run(() => unwrap(api().POST("/exports", { body: request })), request.format);
  }

  /** ``create`` asks for the job (any route answering with an `ExportJob`); the rest is as for `start`. */
  async function run(create: () => Promise<{ job_id: string }>, kind: "pdf" | "xlsx"): Promise<void> {
    clearTimeout(timer);
    stopped = false;
    state.value = "working";
    url.value = null;
    fileName.value = null;
    message.value = null;
    format.value = kind;
    try {
      const job = await create();
      const until = Date.now() + limitMs;
      const poll = async (): Promise<void> => {
        if (stopped) return;
        try {
          const now = await unwrap(api().GET("/exports/{job_id}", { params: { path: { job_id: job.job_id } } }));
          if (now.status === "DONE" && now.url) {
            state.value = "done";
            url.value = now.url;
            fileName.value = now.file_name ?? null;
            return;
          }
          if (now.status === "FAILED") {
            state.value = "failed";
            message.value = now.error ?? "Berkas tidak dapat dibuat.";
            return;
          }
        } catch (e) {
          const problem = toProblem(e);
          if (problem.status !== 0) {
            state.value = "failed";
            message.value = problem.message;
            return;
          }
        }
        if (Date.now() > until) {
          state.value = "failed";
          message.value = "Pembuatan berkas memakan waktu terlalu lama. Coba lagi beberapa saat lagi.";
          return;
        }
        timer = setTimeout(poll, intervalMs);
      };
      await poll();
    } catch (e) {
      state.value = "failed";
      message.value = toProblem(e).message;
    }
  }

  function reset(): void {
    clearTimeout(timer);
    state.value = "idle";
    url.value = null;
    fileName.value = null;
    message.value = null;
  }

  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  return { state, url, fileName, format, message, start, run, reset };
}
