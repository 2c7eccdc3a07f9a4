/**
 * What the check-in says back (issue 20): where it was recorded, how precise the phone's fix was, whether it was
 * sent to HR to check, and how a selfie is made small enough to travel with it.
 */
import type { Schemas } from "@/api/client";
import { formatNumber, formatTime } from "@/lib/format";
import { SESSION_LABELS } from "@/lib/words";

type Result = Pick<Schemas["CheckInResult"], "time" | "timezone" | "distance_m" | "accuracy_m" | "flagged" | "reasons">;

/** The longest side of a selfie sent with a check-in: a face stays recognisable, the photo stays far under 300 KB. */
export const SELFIE_SIDE = 640;
/** The server's limit on a selfie's bytes. */
export const SELFIE_MAX_BYTES = 300 * 1024;

/** The browser's accuracy radius, as sent: metres with one decimal (a phone reports e.g. 12.345678). */
export function accuracyOf(accuracy: number): number {
  return Math.round(accuracy * 10) / 10;
}

/** "akurasi GPS ±12 m" */
export function accuracyText(metres: number): string {
  return `akurasi GPS ±${formatNumber(metres)} m`;
}

/** The sentences after a recorded check-in: the time and what was measured; a flagged one says HR will look. */
export function checkInSentences(kind: "PAGI" | "SORE", result: Result): string[] {
  const measured = [
    result.distance_m != null ? `${formatNumber(result.distance_m)} m dari kantor` : null,
    result.accuracy_m != null ? accuracyText(result.accuracy_m) : null,
  ].filter(Boolean);
  const where = measured.length ? ` (${measured.join(", ")})` : "";
  const lines = [`Presensi ${SESSION_LABELS[kind].toLowerCase()} tercatat pukul ${formatTime(result.time, result.timezone)}${where}.`];
  if (result.flagged) {
    const why = result.reasons?.length ? `: ${result.reasons.join("; ")}` : "";
    lines.push(`Presensi ini ditandai untuk diperiksa petugas kepegawaian${why}.`);
  }
  return lines;
}

/** The size a photo of ``width`` × ``height`` is drawn at so its longest side is at most ``side`` (never enlarged). */
export function fitWithin(width: number, height: number, side = SELFIE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The bytes a base64 data URL holds (to check the limit before sending). */
export function dataUrlBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** A camera photo redrawn as a JPEG whose longest side is `SELFIE_SIDE`, as a data URL (lower quality if needed). */
export async function shrinkPhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("canvas");
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close?.();
  for (const quality of [0.85, 0.7, 0.5, 0.35]) {
    const url = canvas.toDataURL("image/jpeg", quality);
    if (dataUrlBytes(url) <= SELFIE_MAX_BYTES) return url;
  }
  throw new Error("too large");
}
