/**
 * Kritis, kritik dan saran (issue 22): the public form (its SKPD list, its proof-of-work challenge, the filing) and
 * status page without an account, and the office's list and detail. The steps (forward, decide, follow up) are
 * decisions of the one mechanism (`@/api/decisions`, kinds `kritis_forward`, `kritis_decision`, `kritis_follow_up`).
 */
import { api, unwrap, type Schemas } from "./client";

export type KritisFiling = Schemas["KritisFiling"];
export type KritisFiled = Schemas["KritisFiled"];
export type KritisStatus = Schemas["KritisStatus"];
export type KritisChallenge = Schemas["KritisChallenge"];
export type KritisCard = Schemas["KritisCard"];
export type KritisDetail = Schemas["KritisDetail"];
export type KritisPage = Schemas["KritisPage"];
export type KritisState = KritisCard["state"];
export type KritisKind = KritisCard["kind"];
export type PublicSkpd = Schemas["PublicSkpd"];

export const kritisApi = {
  skpd: (): Promise<PublicSkpd[]> => unwrap(api().GET("/public/skpd")).then((list) => list.items),
  challenge: (): Promise<KritisChallenge> => unwrap(api().GET("/public/kritis/challenge")),
  file: (body: KritisFiling): Promise<KritisFiled> => unwrap(api().POST("/public/kritis", { body })),
  /** The public status page's data: no account, nothing personal. */
  status: (number: string): Promise<KritisStatus> =>
    unwrap(api().GET("/public/kritis/{tracking}", { params: { path: { tracking: number } } })),
  /** My SKPD's items in one state (oldest first while they wait, newest first once done). */
  list: (state: KritisState, cursor: string | null): Promise<KritisPage> =>
    unwrap(api().GET("/kritis", { params: { query: { state, cursor: cursor ?? undefined } } })),
  detail: (number: string): Promise<KritisDetail> =>
    unwrap(api().GET("/kritis/{tracking}", { params: { path: { tracking: number } } })),
};
