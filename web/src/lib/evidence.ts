/** What the client checks before sending evidence (the API checks the bytes again after upload). */

export const EVIDENCE_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 5;

const BY_EXTENSION: Record<string, EvidenceType> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  pdf: "application/pdf",
};

/** The evidence type of a picked file (from the browser's type, else its extension), or null. */
export function evidenceType(file: { name: string; type: string }): EvidenceType | null {
  if ((EVIDENCE_TYPES as readonly string[]).includes(file.type)) return file.type as EvidenceType;
  if (file.type && file.type !== "application/octet-stream") return null;
  const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
  return BY_EXTENSION[ext] ?? null;
}

/** Why a file cannot be sent, in words, or null when it may be sent. */
export function refuseEvidence(file: { name: string; type: string; size: number }): string | null {
  if (!evidenceType(file)) return "Jenis berkas tidak didukung. Unggah foto (JPEG atau PNG) atau PDF.";
  if (file.size > MAX_EVIDENCE_BYTES) return "Ukuran berkas paling besar 2 MB. Perkecil foto atau pindai ulang PDF.";
  if (file.size === 0) return "Berkas kosong.";
  return null;
}
