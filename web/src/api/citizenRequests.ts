/**
 * Tracked citizen requests across two offices (issue 22): the first office records a request, marks it ready or
 * cancels it, and both offices list theirs; the public status page reads one by its tracking number without an
 * account. The second office decides in the one decision mechanism (`@/api/decisions`, kind `citizen_request`).
 */
import { api, unwrap, type Schemas } from "./client";

export type CitizenRequest = Schemas["CitizenRequestOut"];
export type CitizenRequestInput = Schemas["CitizenRequestInput"];
export type CitizenRequestPage = Schemas["CitizenRequestPage"];
export type CitizenRequestStatus = Schemas["CitizenRequestStatus"];
export type RequestOffice = Schemas["RequestOfficeList"]["items"][number];
export type RequestState = CitizenRequest["state"];
export type Side = "origin" | "target";

export const citizenRequestsApi = {
  /** The offices a request can be handed to (every SKPD but mine). */
  offices: (): Promise<RequestOffice[]> =>
    unwrap(api().GET("/citizen-requests/offices")).then((list) => list.items),
  /** My office's requests of one state, as the first office (origin) or the second (target), newest first. */
  list: (side: Side, state: RequestState, cursor: string | null): Promise<CitizenRequestPage> =>
    unwrap(api().GET("/citizen-requests", { params: { query: { side, state, cursor: cursor ?? undefined } } })),
  record: (body: CitizenRequestInput): Promise<CitizenRequest> => unwrap(api().POST("/citizen-requests", { body })),
  /** The case is decided and the documents complete: hand it to the second office (the version last read). */
  ready: (request: CitizenRequest, note: string, documentRef: string): Promise<CitizenRequest> =>
    unwrap(
      api().POST("/citizen-requests/{request_no}/ready", {
        params: { path: { request_no: request.tracking } },
        body: { note: note || undefined, document_ref: documentRef || undefined, version: request.version },
      }),
    ),
  cancel: (request: CitizenRequest, reason: string): Promise<CitizenRequest> =>
    unwrap(
      api().POST("/citizen-requests/{request_no}/cancel", {
        params: { path: { request_no: request.tracking } },
        body: { reason, version: request.version },
      }),
    ),
  /** The public status page's data: no account, nothing personal. */
  status: (number: string): Promise<CitizenRequestStatus> =>
    unwrap(api().GET("/public/requests/{request_no}", { params: { path: { request_no: number } } })),
};
