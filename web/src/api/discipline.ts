/**
 * A satker's month of discipline (issue 20): read it, close it (HR freezes its figures), correct one figure of a
 * closed month. The PDF/Excel recap is an export (`POST /exports` kind `discipline`, `useExportJob`).
 */
import { api, unwrap, type Schemas } from "./client";

export type SatkerMonth = Schemas["SatkerMonth"];
export type SatkerMonthRow = Schemas["SatkerMonthRow"];
export type SatkerMonthFigures = Schemas["SatkerMonthFigures"];
export type MonthCorrection = Schemas["SatkerMonthCorrection"];
export type CorrectionBody = Schemas["MonthCorrectionInput"];

export interface MonthRef {
  skpd_id: string;
  satker_id: string;
  /** YYYY-MM */
  month: string;
}

export const disciplineApi = {
  /** Every employee's figures: live while the month is open, frozen with their corrections once closed. */
  month: (ref: MonthRef): Promise<SatkerMonth> =>
    unwrap(api().GET("/skpd/{skpd_id}/satker/{satker_id}/discipline/{month}", { params: { path: ref } })),
  /** Freeze the month's figures (409 when closed already, 422 when the month is not over). */
  close: (ref: MonthRef): Promise<SatkerMonth> =>
    unwrap(api().POST("/skpd/{skpd_id}/satker/{satker_id}/discipline/{month}/closing", { params: { path: ref }, body: {} })),
  /** One figure of one employee, with the month's version as read (409 when someone corrected meanwhile). */
  correct: (ref: MonthRef, body: CorrectionBody): Promise<SatkerMonth> =>
    unwrap(api().POST("/skpd/{skpd_id}/satker/{satker_id}/discipline/{month}/corrections", { params: { path: ref }, body })),
};
