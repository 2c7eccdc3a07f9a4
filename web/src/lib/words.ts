/**
 * What a person reads for each API value (UI.md "Words"). Never show an enum or a code.
 *
 * The server owns the label of every API value it names (`LABELS`, generated from the OpenAPI document's
 * x-labels into src/api/labels.ts), so a screen says what the letter and the WhatsApp message say; this file
 * adds the colours and the words only the web client uses. tests/unit/test_labels.py fails on a label
 * written here by hand.
 */
import { LABELS } from "@/api/labels";

export type ReportStatus = keyof typeof LABELS.report_status;
export type Tone = "amber" | "green" | "red" | "greygreen" | "grey";

/** The colour of a status (always shown with the API's label, never alone). */
export function statusTone(status: string): Tone {
  if (status === "SUBMITTED" || status.startsWith("PENDING")) return "amber";
  if (status === "APPROVED") return "green";
  if (["REJECTED", "DEFERRED", "REVOKED"].includes(status)) return "red";
  return "grey";
}

export const STATUS_LABELS: Record<ReportStatus, string> = LABELS.report_status;

/** A status's label (the server's) and colour; a status the client does not know is "Tidak diketahui". */
function statusOf(labels: Readonly<Record<string, string>>, status: string): { label: string; tone: Tone } {
  const label = labels[status];
  return label ? { label, tone: statusTone(status) } : { label: "Tidak diketahui", tone: "grey" };
}

export const SYSTEM = "SYSTEM";

/** The label and colour of a report's status; approved by SYSTEM is "Disetujui otomatis". */
export function reportStatus(report: { status: string; decided_by?: string | null }): { label: string; tone: Tone } {
  if (report.status === "APPROVED" && report.decided_by === SYSTEM) return { label: "Disetujui otomatis", tone: "greygreen" };
  return statusOf(LABELS.report_status, report.status);
}

export const ROLE_LABELS: Record<string, string> = {
  PEGAWAI: "Pegawai",
  ATASAN: "Atasan",
  OPERATOR_SKPD: "Operator SKPD",
  KEPEGAWAIAN: "Kepegawaian",
  PENOMORAN: "Petugas Penomoran",
  ADMIN: "Admin",
  BKD: "BKD",
  LAYANAN: "Petugas Layanan Publik",
  PIMPINAN: "Pimpinan",
};

export const SESSION_LABELS: Record<string, string> = { PAGI: "Masuk", SORE: "Pulang" };

/** Where an attendance was recorded (the calendar's ``source``), as the start of a line: "Mesin presensi 07.27 WIB". */
export const SOURCE_LABELS: Record<string, string> = {
  SYNC: "Mesin presensi",
  NATIVE: "Aplikasi",
  PENGADUAN: "Pengaduan",
};

export const FREQUENCY_LABELS: Record<string, string> = {
  DAILY: "Setiap hari kerja",
  WEEKLY: "Setiap minggu",
  MONTHLY: "Setiap bulan",
};

/** ISO weekday (1 = Senin … 7 = Minggu), as the reminder API counts. */
export const ISO_WEEKDAYS: Record<number, string> = {
  1: "Senin", 2: "Selasa", 3: "Rabu", 4: "Kamis", 5: "Jumat", 6: "Sabtu", 7: "Minggu",
};

export const ZONE_LABELS: Record<string, string> = {
  WIB: "WIB (Waktu Indonesia Barat)",
  WITA: "WITA (Waktu Indonesia Tengah)",
  WIT: "WIT (Waktu Indonesia Timur)",
};

export const ROSTER_ROW_LABELS: Record<string, { label: string; tone: Tone }> = {
  created: { label: "Dibuat", tone: "green" },
  updated: { label: "Diperbarui", tone: "green" },
  unchanged: { label: "Tidak berubah", tone: "grey" },
  error: { label: "Gagal", tone: "red" },
};

export const HISTORY_LABELS: Record<string, string> = {
  CREATED: "Diajukan",
  COPIED: "Diajukan ulang dari laporan yang ditolak",
  EDITED: "Diubah",
  WITHDRAWN: "Ditarik",
  APPROVED: "Disetujui",
  REJECTED: "Ditolak",
  AUTO_APPROVED: "Disetujui otomatis",
  EVIDENCE_ADDED: "Bukti dukung ditambahkan",
  EVIDENCE_REMOVED: "Bukti dukung dihapus",
};

/** Labels of the API's field names, for messages and history ("Kolom 'title'" → "Judul"). */
export const FIELD_LABELS: Record<string, string> = {
  username: "NIP atau e-mail",
  password: "Kata sandi",
  old_password: "Kata sandi lama",
  new_password: "Kata sandi baru",
  date: "Tanggal",
  start_time: "Jam mulai",
  end_time: "Jam selesai",
  title: "Judul",
  description: "Uraian",
  output: "Hasil",
  template_id: "Templat",
  rhk_id: "RHK",
  status: "Status",
  rating: "Nilai",
  note: "Catatan",
  evidence: "Bukti dukung",
  decision: "Keputusan",
  version: "Versi",
  name: "Nama",
  jabatan: "Jabatan",
  nip: "NIP",
  skpd_id: "SKPD",
  satker_id: "Satker",
  supervisor_nip: "NIP atasan",
  whatsapp: "Nomor WhatsApp",
  email: "E-mail",
  timezone: "Zona waktu",
  duration_minutes: "Durasi",
  delegate_nip: "NIP penerima delegasi",
  delegator_nip: "NIP pemberi delegasi",
  start_date: "Tanggal mulai",
  end_date: "Tanggal selesai",
  reason: "Alasan",
  enabled: "Pengingat",
  frequency: "Frekuensi",
  time: "Jam",
  weekday: "Hari",
  day_of_month: "Tanggal",
  period: "Periode",
  month: "Bulan",
  from: "Dari tanggal",
  to: "Sampai tanggal",
  format: "Format",
  kind: "Jenis",
  scope: "Cakupan",
  "scope.type": "Cakupan",
  "scope.satker_id": "Satker",
  "scope.skpd_id": "SKPD",
  filename: "Nama berkas",
  content_base64: "Berkas",
  content_type: "Jenis berkas",
  size: "Ukuran berkas",
  upload_token: "Berkas",
  city: "Kota",
  office: "Lokasi kantor",
  "office.latitude": "Lintang",
  "office.longitude": "Bujur",
  "office.radius_m": "Radius",
  latitude: "Lintang",
  longitude: "Bujur",
  session: "Sesi",
  roles: "Peran",
  report_ids: "Laporan",
  action: "Tindakan",
  q: "Kata kunci",
  limit: "Jumlah",
  cursor: "Halaman",
  recipient: "Nomor penerima",
  day: "Tanggal",
  year: "Tahun",
  type: "Jenis",
  address: "Alamat",
  phone: "Telepon",
  child_order: "Anak ke-",
  attachment_token: "Lampiran",
  // SKP (issue 19): "targets.0.indicators.1.unit" is named by its last part
  targets: "RHK",
  text: "Uraian",
  indicators: "Indikator",
  target: "Target",
  unit: "Satuan",
  parent_rhk_id: "RHK atasan",
  rhk_required: "RHK wajib",
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? FIELD_LABELS[field.split(".").pop() ?? field] ?? "Isian";
}

/** Leave (cuti): types as the official form names them (the server's), statuses. */
export const LEAVE_TYPE_LABELS: Record<string, string> = LABELS.leave_type;

/** A leave request's status in words; an approved one waits for its letter number until numbered. */
export function leaveStatus(leave: { status: string; letter_number?: string | null }): { label: string; tone: Tone } {
  if (leave.status === "APPROVED" && !leave.letter_number) return { label: "Disetujui, menunggu nomor surat", tone: "green" };
  return statusOf(LABELS.leave_status, leave.status);
}

export const LEAVE_STATUS_CHOICES = Object.entries(LABELS.leave_status);

// Pengaduan presensi, riwayat and arsip (HR verification)
export const COMPLAINT_TYPE_LABELS: Record<string, string> = LABELS.complaint_type;

/** A complaint's decision status in words and colour. */
export function decisionStatus(status: string): { label: string; tone: Tone } {
  return statusOf(LABELS.complaint_status, status);
}

// Izin (issue 20): the kinds and the statuses, as the server names them
export const PERMISSION_KIND_LABELS: Record<string, string> = LABELS.permission_kind;

export function permissionStatus(status: string): { label: string; tone: Tone } {
  return statusOf(LABELS.permission_status, status);
}

export const RECORD_KIND_LABELS: Record<string, string> = LABELS.record_kind;

export function recordStatus(status: string): { label: string; tone: Tone } {
  return statusOf(LABELS.record_status, status);
}

export const RECORD_CHOICES = {
  certificationType: LABELS.certification_type,
  awardScale: LABELS.award_scale,
  awardGroup: LABELS.award_group,
  awardType: LABELS.award_type,
  teamScope: LABELS.team_scope,
  teamPosition: LABELS.team_position,
} as const;

export const ARCHIVE_CONDITION_LABELS: Record<string, string> = LABELS.archive_condition;

/** A category's state in the archive (MISSING: nothing uploaded yet). */
export function archiveState(status: string): { label: string; tone: Tone } {
  return statusOf(LABELS.document_status, status);
}

export const EMPLOYMENT_LABELS: Record<string, string> = LABELS.employment_status;
