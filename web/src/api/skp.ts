/**
 * The SKP calls of the API (the employee's SKP of a year, its targets, submitting it, its approved versions, the
 * supervisor's cascade and the targets a staff RHK may cascade from). One module, so every SKP screen goes through
 * the same calls and the specs replace them in one place. Approving and returning an SKP is not here: it is the one
 * decision mechanism (`@/api/decisions`, kind `skp`).
 */
import { api, unwrap, type Schemas } from "./client";

export type Skp = Schemas["Skp"];
export type SkpTarget = Schemas["SkpTarget"];
export type SkpTargetInput = Schemas["SkpTargetInput"];
export type SkpVersions = Schemas["SkpVersions"];
export type SkpCascade = Schemas["SkpCascade"];

export const skpApi = {
  /** The SKP of a year (the caller's, or another's by NIP); 404 SKP_NOT_FOUND when there is none. */
  get: (year: number, nip?: string): Promise<Skp> => unwrap(api().GET("/skp", { params: { query: { year, nip } } })),
  create: (year: number): Promise<Skp> => unwrap(api().POST("/skp", { body: { year } })),
  save: (skpId: string, targets: SkpTargetInput[], version: number): Promise<Skp> =>
    unwrap(api().PUT("/skp/{skp_id}", { params: { path: { skp_id: skpId } }, body: { targets, version } })),
  submit: (skpId: string, version: number): Promise<Skp> =>
    unwrap(api().POST("/skp/{skp_id}/submit", { params: { path: { skp_id: skpId } }, body: { version } })),
  versions: (skpId: string): Promise<SkpVersions> => unwrap(api().GET("/skp/{skp_id}/versions", { params: { path: { skp_id: skpId } } })),
  cascade: (year: number): Promise<SkpCascade> => unwrap(api().GET("/skp/cascade", { params: { query: { year } } })),
  /** The direct supervisor's approved targets: what a staff RHK may cascade from (empty when none is approved). */
  parents: async (year: number): Promise<SkpTarget[]> => (await unwrap(api().GET("/skp/parents", { params: { query: { year } } }))).targets,
};
