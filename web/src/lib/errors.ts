/**
 * Every refusal of the API ({code, message, details}) and every failure on the way to it, turned
 * into words a person understands: one summary for the top of the page and, when the API names a
 * field (`details.field`), the message to show next to that field.
 */
import { fieldLabel } from "./words";

export interface Problem {
  /** HTTP status, 0 when the server could not be reached. */
  status: number;
  /** The API's code (for the program only, never shown). */
  code: string;
  /** What a person reads. */
  message: string;
  /** The form field the message belongs to, as the API names it ("start_time"). */
  field?: string;
  details: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.message);
    this.name = "ApiError";
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export const NETWORK_MESSAGE =
  "Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba lagi.";

/** Codes whose words the client says better than the API's generic text (or that carry API field names). */
const CLIENT_WORDS: Record<string, (p: Problem) => string> = {
  LOCATION_REQUIRED: () =>
    "Presensi di kantor Anda memerlukan lokasi perangkat. Izinkan akses lokasi untuk Kinerja, lalu coba lagi.",
  REQUIRED: (p) => `${fieldLabel(p.field ?? "")} wajib diisi.`,
  TOO_LONG: (p) =>
    p.details.max ? `${fieldLabel(p.field ?? "")} paling banyak ${p.details.max} karakter.` : `${fieldLabel(p.field ?? "")} terlalu panjang.`,
  INVALID_TYPE: (p) => `${fieldLabel(p.field ?? "")} tidak valid.`,
  OUT_OF_RANGE: (p) => `${fieldLabel(p.field ?? "")} di luar batas yang diizinkan.`,
  INVALID_VALUE: (p) => `Pilihan ${fieldLabel(p.field ?? "").toLowerCase()} tidak dikenal.`,
  THROTTLED: () => "Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.",
  UNAUTHORIZED: () => "Sesi Anda telah berakhir. Silakan masuk kembali.",
  PASSWORD_CHANGE_REQUIRED: () => "Ganti kata sandi sementara Anda terlebih dahulu.",
  METHOD_NOT_ALLOWED: () => "Permintaan ini tidak didukung oleh server. Muat ulang halaman, lalu coba lagi.",
};

/** The API's message with its quoted field names in Indonesian ("Kolom 'title' …" → "Kolom Judul …"). */
export function translateFieldNames(message: string): string {
  return message.replace(/'([a-z_][a-z0-9_.]*)'/g, (_, name: string) => fieldLabel(name));
}

function statusMessage(status: number): string {
  if (status === 401) return CLIENT_WORDS.UNAUTHORIZED({} as Problem);
  if (status === 403) return "Anda tidak memiliki hak akses untuk tindakan ini.";
  if (status === 404) return "Data yang diminta tidak ditemukan.";
  if (status === 413) return "Data yang dikirim terlalu besar.";
  if (status === 429) return CLIENT_WORDS.THROTTLED({} as Problem);
  if (status >= 500) return `Server sedang bermasalah (kode ${status}). Coba lagi beberapa saat lagi.`;
  return `Permintaan tidak dapat diproses (kode ${status}).`;
}

/** Build a Problem from an HTTP status and the body the server sent (which may not be the error shape). */
export function problemFromResponse(status: number, body: unknown): Problem {
  if (body && typeof body === "object" && "code" in body && "message" in body) {
    const raw = body as { code: unknown; message: unknown; details?: unknown };
    const details = raw.details && typeof raw.details === "object" ? (raw.details as Record<string, unknown>) : {};
    const field = typeof details.field === "string" && details.field !== "body" ? details.field : undefined;
    const problem: Problem = {
      status,
      code: String(raw.code),
      message: typeof raw.message === "string" && raw.message ? translateFieldNames(raw.message) : statusMessage(status),
      field,
      details,
    };
    const words = CLIENT_WORDS[problem.code];
    if (words) problem.message = words(problem);
    return problem;
  }
  return { status, code: `HTTP_${status}`, message: statusMessage(status), details: {} };
}

/** Anything thrown by a call (ApiError, a network TypeError, an abort) as a Problem. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (error && typeof error === "object" && "problem" in error) return (error as ApiError).problem;
  if (error instanceof DOMException && error.name === "AbortError")
    return { status: 0, code: "ABORTED", message: "Permintaan dibatalkan karena terlalu lama. Coba lagi.", details: {} };
  return { status: 0, code: "NETWORK", message: NETWORK_MESSAGE, details: {} };
}

/** Is this failure "we could not reach the server" (so a draft should wait for the connection)? */
export function isNetworkProblem(problem: Problem): boolean {
  return problem.status === 0;
}

/**
 * The messages of one form: `summary` for the top, `fields` next to the fields. `aliases` maps an API
 * field to the form's own name where they differ (e.g. "scope.satker_id" → "satker").
 */
export function formErrors(problem: Problem, aliases: Record<string, string> = {}): { summary: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (problem.field) fields[aliases[problem.field] ?? problem.field] = problem.message;
  return { summary: problem.message, fields };
}
