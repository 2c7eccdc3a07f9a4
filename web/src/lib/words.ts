/** What a person reads for each API value (UI.md "Words"). Never show an enum or a code. */

export type ReportStatus = "SUBMITTED" | "APPROVED" | "REJECTED" | "WITHDRAWN";
export type Tone = "amber" | "green" | "red" | "greygreen" | "grey";

export const STATUS_LABELS: Record<ReportStatus, string> = {
  SUBMITTED: "Diajukan",
  APPROVED: "Disetujui",
  REJECTED: "Ditolak",
  WITHDRAWN: "Ditarik",
};

const STATUS_TONES: Record<ReportStatus, Tone> = {
  SUBMITTED: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "grey",
};

export const SYSTEM = "SYSTEM";

/** The label and colour of a report's status; approved by SYSTEM is "Disetujui otomatis". */
export function reportStatus(report: { status: string; decided_by?: string | null }): { label: string; tone: Tone } {
  const status = report.status as ReportStatus;
  if (status === "APPROVED" && report.decided_by === SYSTEM) return { label: "Disetujui otomatis", tone: "greygreen" };
  return { label: STATUS_LABELS[status] ?? "Tidak diketahui", tone: STATUS_TONES[status] ?? "grey" };
}

export const ROLE_LABELS: Record<string, string> = {
  PEGAWAI: "Pegawai",
  ATASAN: "Atasan",
  OPERATOR_SKPD: "Operator SKPD",
  KEPEGAWAIAN: "Kepegawaian",
  PENOMORAN: "Petugas Penomoran",
  ADMIN: "Admin",
  BKD: "BKD",
};

export const SESSION_LABELS: Record<string, string> = { PAGI: "Masuk", SORE: "Pulang" };

export const SOURCE_LABELS: Record<string, string> = {
  SYNC: "mesin presensi",
  NATIVE: "aplikasi",
  COMPLAINT: "pengaduan",
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

export const AUDIT_LABELS: Record<string, string> = {
  DELEGATION_GIVEN: "Memberi delegasi verifikasi",
  DELEGATION_RECEIVED: "Menerima delegasi verifikasi",
  DELEGATION_ENDED: "Delegasi verifikasi diakhiri",
  SUPERVISOR_CROSS_SKPD: "Atasan dari SKPD lain ditetapkan",
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
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? FIELD_LABELS[field.split(".").pop() ?? field] ?? "Isian";
}

/** Leave (cuti): types and statuses as the official form and README name them. */
export const LEAVE_TYPE_LABELS: Record<string, string> = {
  TAHUNAN: "Cuti tahunan",
  BESAR: "Cuti besar",
  SAKIT: "Cuti sakit",
  MELAHIRKAN: "Cuti melahirkan",
  ALASAN_PENTING: "Cuti karena alasan penting",
  CLTN: "Cuti di luar tanggungan negara",
};

const LEAVE_STATUS: Record<string, { label: string; tone: Tone }> = {
  PENDING_CONSIDERATION: { label: "Menunggu pertimbangan atasan", tone: "amber" },
  PENDING_DECISION: { label: "Menunggu keputusan pejabat", tone: "amber" },
  APPROVED: { label: "Disetujui", tone: "green" },
  REJECTED: { label: "Tidak disetujui", tone: "red" },
  DEFERRED: { label: "Ditangguhkan", tone: "red" },
  CANCELLED: { label: "Dibatalkan", tone: "grey" },
};

/** A leave request's status in words; an approved one waits for its letter number until numbered. */
export function leaveStatus(leave: { status: string; letter_number?: string | null }): { label: string; tone: Tone } {
  if (leave.status === "APPROVED" && !leave.letter_number) return { label: "Disetujui, menunggu nomor surat", tone: "green" };
  return LEAVE_STATUS[leave.status] ?? { label: "Tidak diketahui", tone: "grey" };
}

export const LEAVE_STATUS_CHOICES = Object.entries(LEAVE_STATUS).map(([value, s]) => [value, s.label] as const);

// Pengaduan presensi, riwayat and arsip (HR verification)
export const COMPLAINT_TYPE_LABELS: Record<string, string> = { TUGAS_LUAR: "Tugas luar", MESIN_ERROR: "Mesin error" };

/** A complaint's (or record's, or document's) decision status in words and colour. */
export function decisionStatus(status: string): { label: string; tone: Tone } {
  const known: Record<string, { label: string; tone: Tone }> = {
    SUBMITTED: { label: "Diajukan", tone: "amber" },
    APPROVED: { label: "Disetujui", tone: "green" },
    REJECTED: { label: "Ditolak", tone: "red" },
  };
  return known[status] ?? { label: "Tidak diketahui", tone: "grey" };
}

export const RECORD_KIND_LABELS: Record<string, string> = {
  SERTIFIKASI: "Sertifikasi / kursus",
  PENGHARGAAN: "Penghargaan",
  TIM_KERJA: "Tim kerja",
};

const RECORD_STATUS: Record<string, { label: string; tone: Tone }> = {
  SUBMITTED: { label: "Belum disetujui", tone: "amber" },
  APPROVED: { label: "Disetujui", tone: "green" },
  REJECTED: { label: "Ditolak", tone: "red" },
  REVOKED: { label: "Batal disetujui", tone: "red" },
  WITHDRAWN: { label: "Ditarik", tone: "grey" },
};

export function recordStatus(status: string): { label: string; tone: Tone } {
  return RECORD_STATUS[status] ?? { label: "Tidak diketahui", tone: "grey" };
}

export const RECORD_CHOICES = {
  certificationType: { KURSUS: "Kursus", SERTIFIKASI: "Sertifikasi" },
  awardScale: {
    UNIT_KERJA: "Unit kerja",
    KABUPATEN_KOTA: "Kabupaten/kota",
    PROVINSI: "Provinsi",
    NASIONAL: "Nasional",
    INTERNASIONAL: "Internasional",
  },
  awardGroup: { PENGHARGAAN_LAINNYA: "Penghargaan lainnya", TANDA_KEHORMATAN: "Tanda kehormatan" },
  awardType: {
    ASN_TELADAN: "ASN Teladan",
    ASN_BERPRESTASI: "ASN Berprestasi",
    ASN_INSPIRATIF: "ASN Inspiratif",
    ASN_INOVATIF: "ASN Inovatif",
    ASN_TERBAIK: "ASN Terbaik",
    SATYA_LENCANA: "Satya Lencana",
    LAINNYA: "Lainnya",
  },
  teamScope: { INTERNAL_INSTANSI: "Internal instansi", LINTAS_INSTANSI: "Lintas instansi" },
  teamPosition: { KETUA: "Ketua", ANGGOTA: "Anggota" },
} as const;

export const ARCHIVE_CONDITION_LABELS: Record<string, string> = {
  MENIKAH: "Sudah menikah",
  MEMILIKI_ANAK: "Memiliki anak",
  TUGAS_BELAJAR: "Sedang tugas belajar",
};

const ARCHIVE_STATE: Record<string, { label: string; tone: Tone }> = {
  MISSING: { label: "Belum diunggah", tone: "grey" },
  SUBMITTED: { label: "Menunggu verifikasi", tone: "amber" },
  APPROVED: { label: "Terverifikasi", tone: "green" },
  REJECTED: { label: "Ditolak", tone: "red" },
};

export function archiveState(status: string): { label: string; tone: Tone } {
  return ARCHIVE_STATE[status] ?? { label: "Tidak diketahui", tone: "grey" };
}

export const EMPLOYMENT_LABELS: Record<string, string> = { PNS: "PNS", CPNS: "CPNS", PPPK: "PPPK" };
