/**
 * The one decision mechanism of the API (docs/verification.md): the caller's inbox, the queue of one
 * kind, one decision and many at once. Every queue screen of the web client goes through these four
 * calls; no page calls a kind's own route. The types are the API's models (src/api/schema.d.ts).
 */
import { api, unwrap, type Schemas } from "./client";
import type { operations } from "./schema";

export type Verdict = Schemas["DecisionInput"]["verdict"];
export type Inbox = Schemas["Inbox"];
export type InboxKind = Schemas["InboxKind"];
type ItemFields = "kind" | "id" | "version" | "status" | "status_label" | "employee" | "title" | "date" | "submitted_at" | "summary" | "files" | "rating" | "detail";
/** An item of a queue; its `verdicts` are the API's verdicts (the model types them as text). */
export type VerificationItem = Pick<Schemas["VerificationItem"], ItemFields> & { verdicts: Verdict[] };
export type VerificationQueue = Pick<Schemas["VerificationQueue"], "kind" | "label" | "count" | "next_cursor"> & { items: VerificationItem[] };
export type DecisionInput = Schemas["DecisionInput"];
export type BulkDecisionInput = Schemas["BulkDecisionInput"];
export type BulkDecisionResult = Schemas["BulkDecisionResult"];
/** The queue's filters as the API names them (each kind uses those that apply). */
export type QueueQuery = Omit<operations["verification_queue"]["parameters"]["query"], "kind">;
type Kind = operations["verification_queue"]["parameters"]["query"]["kind"];

export const decisions = {
  inbox: (): Promise<Inbox> => unwrap(api().GET("/me/inbox")),
  queue: async (kind: string, query: QueueQuery): Promise<VerificationQueue> =>
    (await unwrap(api().GET("/verifications", { params: { query: { ...query, kind: kind as Kind } } }))) as VerificationQueue,
  decide: async (kind: string, id: string, body: DecisionInput): Promise<VerificationItem> =>
    (await unwrap(api().POST("/verifications/{kind}/{item_id}", { params: { path: { kind, item_id: id } }, body }))) as VerificationItem,
  decideMany: (kind: string, body: BulkDecisionInput): Promise<BulkDecisionResult> =>
    unwrap(api().POST("/verifications/{kind}", { params: { path: { kind } }, body })),
};
