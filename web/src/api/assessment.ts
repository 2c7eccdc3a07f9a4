/**
 * The quarterly assessment's calls (issue 19): a quarter of an SKP (its reports per RHK, attendance and leave days,
 * the assessment if any), the penilai's assessment and its PDF. The employee's "Saya sudah membaca" is not here: it
 * is the one decision mechanism (`@/api/decisions`, kind `assessment_ack`), as the inbox decides it.
 */
import { api, unwrap, type Schemas } from "./client";

export type QuarterSummary = Schemas["QuarterSummary"];
export type QuarterTarget = Schemas["QuarterTarget"];
export type QuarterReports = Schemas["QuarterReports"];
export type Assessment = Schemas["Assessment"];
export type AssessmentInput = Schemas["AssessmentInput"];
export type AssessmentFile = Schemas["AssessmentFile"];

const where = (skpId: string, q: number) => ({ params: { path: { skp_id: skpId, q: String(q) } } });

export const assessmentApi = {
  quarter: (skpId: string, q: number): Promise<QuarterSummary> => unwrap(api().GET("/skp/{skp_id}/quarters/{q}", where(skpId, q))),
  assess: (skpId: string, q: number, body: AssessmentInput): Promise<Assessment> =>
    unwrap(api().PUT("/skp/{skp_id}/quarters/{q}/assessment", { ...where(skpId, q), body })),
  /** A short-lived link to the assessment's PDF. */
  pdf: (skpId: string, q: number): Promise<AssessmentFile> => unwrap(api().GET("/skp/{skp_id}/quarters/{q}/assessment/pdf", where(skpId, q))),
};
