/**
 * What the screens need to know of each kind of verifiable work beyond what the API sends (the API
 * sends the kind's label, each item's title, summary, files, status label and allowed verdicts): the
 * word in the URL, the noun in sentences, the filters that apply, and the few verbs a kind says its
 * own way. A kind the client does not know still works, with the plain words.
 */
import type { Verdict } from "@/api/decisions";
import { LABELS } from "@/api/labels";

/** "for": the queue of a supervisor who delegated to the caller (person kinds). */
export type Filter = "status" | "skpd" | "dates" | "category" | "for";

export interface KindView {
  /** In the URL: /persetujuan?jenis=… */
  slug: string;
  /** In sentences: "3 laporan disetujui." */
  noun: string;
  filters: Filter[];
  /** The status filter's choices besides the default (what waits), as [API value, label]. */
  statuses: [string, string][];
  /** Verdicts this kind names its own way. */
  verbs?: Partial<Record<Verdict, Partial<VerdictWords>>>;
  /** False where the kind takes no note (giving a letter its number). */
  notes?: boolean;
}

export interface VerdictWords {
  /** The button and the dialog's title ("Setujui", "Beri nomor"). */
  button: string;
  /** The outcome of a decided item ("Disetujui"). */
  done: string;
  /** The note's label in the dialog. */
  note: string;
  /** The note is required with this verdict even where approving usually needs none (a Kritis step's text). */
  required?: boolean;
  variant: "ok" | "danger";
}

const VERDICTS: Record<Verdict, VerdictWords> = {
  APPROVE: { button: LABELS.decision_verdict.APPROVE, done: "Disetujui", note: "Catatan", variant: "ok" },
  REJECT: { button: LABELS.decision_verdict.REJECT, done: "Ditolak", note: "Alasan penolakan", variant: "danger" },
  DEFER: { button: LABELS.decision_verdict.DEFER, done: "Ditangguhkan", note: "Alasan penangguhan", variant: "danger" },
  REVOKE: { button: LABELS.decision_verdict.REVOKE, done: "Persetujuan dibatalkan", note: "Alasan pembatalan", variant: "danger" },
};

/** Status choices as [API value, the server's label of it]. */
function choices(labels: Readonly<Record<string, string>>, ...values: string[]): [string, string][] {
  return values.map((value) => [value, labels[value]]);
}

/** A kind someone decides as a person (a supervisor, the official, or their delegate). */
const person = (slug: string, noun: string): KindView => ({ slug, noun, filters: ["for"], statuses: [] });
/** A kind HR of the SKPD, BKD and the admin decide: by status and SKPD, and its own filter. */
const hr = (slug: string, noun: string, own: Filter, statuses: [string, string][]): KindView => ({
  slug,
  noun,
  filters: ["status", "skpd", own],
  statuses,
});

export const KINDS: Record<string, KindView> = {
  report: person("laporan", "laporan"),
  leave_consideration: person("pertimbangan-cuti", "permohonan cuti"),
  leave_decision: person("keputusan-cuti", "permohonan cuti"),
  // a permission (izin, issue 20): the supervisor approves, or rejects with a note
  permission: person("izin", "izin"),
  leave_number: {
    slug: "penomoran-cuti",
    noun: "surat cuti",
    filters: [],
    statuses: [],
    verbs: { APPROVE: { button: "Beri nomor", done: "Nomor diberikan" } },
    notes: false,
  },
  complaint: hr("pengaduan", "pengaduan", "dates", choices(LABELS.complaint_status, "APPROVED", "REJECTED")),
  record: hr("riwayat", "riwayat", "category", [
    ...choices(LABELS.record_status, "APPROVED", "REJECTED", "REVOKED"),
    ["ALL", "Semua status"],
  ]),
  document: hr("arsip", "dokumen", "category", choices(LABELS.document_status, "APPROVED", "REJECTED")),
  // a further check-in device (issue 20): HR of the SKPD approves it (the oldest retired past the limit) or rejects it
  device: { slug: "perangkat", noun: "perangkat presensi", filters: ["skpd"], statuses: [] },
  // a check-in flagged at check-in (issue 20: impossible travel, an unknown device): HR keeps it or removes it
  checkin_flag: {
    slug: "presensi-ditandai",
    noun: "presensi",
    filters: ["skpd"],
    statuses: [],
    verbs: { APPROVE: { button: "Terima presensi", done: "Diterima" }, REJECT: { button: "Tolak presensi", done: "Ditolak (presensi dihapus)" } },
  },
  // a tracked citizen request the first office marked ready (issue 22): the second office marks it done or returns it
  citizen_request: {
    slug: "permohonan-warga",
    noun: "permohonan warga",
    filters: [],
    statuses: [],
    verbs: {
      APPROVE: { button: "Tandai selesai", done: "Selesai" },
      REJECT: { button: "Kembalikan", done: "Dikembalikan ke kantor asal", note: "Alasan pengembalian" },
    },
  },
  // Kritis (issue 22): the officer forwards with a summary (or closes), leadership decides the action, the officer
  // records the follow-up; each note is the step's text
  kritis_forward: {
    slug: "kritis-masuk",
    noun: "kritik/saran",
    filters: [],
    statuses: [],
    verbs: {
      APPROVE: { button: "Teruskan ke pimpinan", done: "Diteruskan", note: "Ringkasan untuk pimpinan", required: true },
      REJECT: { button: "Tutup", done: "Ditutup", note: "Alasan penutupan" },
    },
  },
  kritis_decision: {
    slug: "kritis-keputusan",
    noun: "kritik/saran",
    filters: [],
    statuses: [],
    verbs: { APPROVE: { button: "Tetapkan tindakan", done: "Tindakan ditetapkan", note: "Tindakan yang diputuskan", required: true } },
  },
  kritis_follow_up: {
    slug: "kritis-tindak-lanjut",
    noun: "kritik/saran",
    filters: [],
    statuses: [],
    verbs: { APPROVE: { button: "Simpan tindak lanjut", done: "Ditindaklanjuti", note: "Tindak lanjut", required: true } },
  },
  // the supervisor approves an SKP or returns it to the employee with a note (issue 19)
  skp: {
    ...person("skp", "SKP"),
    verbs: { REJECT: { button: "Kembalikan", done: "Dikembalikan", note: "Catatan untuk perbaikan" } },
  },
  // the assessed employee acknowledges their quarter's assessment (issue 19): no note, one verdict
  assessment_ack: {
    ...person("penilaian-triwulan", "penilaian triwulan"),
    filters: [],
    verbs: { APPROVE: { button: "Saya sudah membaca", done: "Sudah dibaca" } },
    notes: false,
  },
};

/** The view of a kind; an unknown kind is named by the API's label. */
export function kindView(kind: string, label = ""): KindView {
  return KINDS[kind] ?? { slug: kind, noun: label.toLowerCase() || "pengajuan", filters: [], statuses: [] };
}

/** The kind a URL word names (its slug, or the API's own name of a kind the client does not know). */
export function kindOfSlug(slug: string): string {
  return Object.entries(KINDS).find(([, view]) => view.slug === slug)?.[0] ?? slug;
}

export function verdictWords(kind: string, verdict: Verdict): VerdictWords {
  return { ...VERDICTS[verdict], ...KINDS[kind]?.verbs?.[verdict] };
}


/** The verdicts every one of the items allows, in the order the first one lists them. */
export function commonVerdicts(items: { verdicts: Verdict[] }[]): Verdict[] {
  if (!items.length) return [];
  return items[0].verdicts.filter((v) => items.every((i) => i.verdicts.includes(v)));
}

/** The roles that decide something: Persetujuan is shown to them before the inbox has answered. */
export const DECIDER_ROLES = ["ATASAN", "KEPEGAWAIAN", "PENOMORAN", "BKD", "ADMIN"];
