/**
 * The PTSP calls of the API (issue 22): an SKPD's service catalogue (list, add, edit or deactivate over the version
 * read) and its desk (record a visitor, list a day or range, an Excel of a range as a short-lived link).
 */
import { api, unwrap, type Schemas } from "./client";

export type InformationType = Schemas["InformationTypeOut"];
export type InformationTypeInput = Schemas["InformationTypeInput"];
export type DeskRequest = Schemas["DeskRequestOut"];
export type DeskPage = Schemas["DeskPage"];
export type DeskExport = Schemas["DeskExport"];

export interface DeskFilters {
  from: string;
  to: string;
  typeId?: string;
}

const skpd = (skpdId: string) => ({ path: { skpd_id: skpdId } });

export const ptspApi = {
  types: (skpdId: string): Promise<Schemas["InformationTypeList"]> =>
    unwrap(api().GET("/skpd/{skpd_id}/ptsp/types", { params: skpd(skpdId) })),
  createType: (skpdId: string, body: InformationTypeInput): Promise<InformationType> =>
    unwrap(api().POST("/skpd/{skpd_id}/ptsp/types", { params: skpd(skpdId), body })),
  /** The whole type as edited, over the version last read (a stale one is 409). */
  updateType: (skpdId: string, typeId: string, body: InformationTypeInput & { version: number }): Promise<InformationType> =>
    unwrap(
      api().PUT("/skpd/{skpd_id}/ptsp/types/{type_id}", { params: { path: { skpd_id: skpdId, type_id: typeId } }, body }),
    ),
  record: (skpdId: string, body: Schemas["DeskRequestInput"]): Promise<DeskRequest> =>
    unwrap(api().POST("/skpd/{skpd_id}/ptsp/desk", { params: skpd(skpdId), body })),
  requests: (skpdId: string, filters: DeskFilters, cursor: string | null): Promise<DeskPage> =>
    unwrap(
      api().GET("/skpd/{skpd_id}/ptsp/desk", {
        params: {
          path: { skpd_id: skpdId },
          query: { from: filters.from, to: filters.to, type_id: filters.typeId || undefined, cursor: cursor ?? undefined, limit: 50 },
        },
      }),
    ),
  exportExcel: (skpdId: string, filters: DeskFilters): Promise<DeskExport> =>
    unwrap(
      api().POST("/skpd/{skpd_id}/ptsp/desk/export", {
        params: skpd(skpdId),
        body: { from: filters.from, to: filters.to, type_id: filters.typeId || undefined },
      }),
    ),
};
