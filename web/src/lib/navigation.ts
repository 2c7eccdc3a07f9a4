/**
 * The navigation by role (UI.md "Navigation by role"): nothing a person cannot use is shown. Everything
 * someone decides (reports, leave, letters to number, complaints, records, documents) is in the one
 * inbox, Persetujuan, with one badge; the role's own areas hold no second queue. The role's areas are grouped
 * by what the role does — verify, recap, people, settings — not one long "work" list (HR's phone Akun menu was a
 * flat list of 17 items, issue 18).
 */

export interface NavItem {
  to: string;
  label: string;
  icon: string;
  badge?: boolean;
}

export interface NavGroup {
  title: string;
  items: NavItem[];
}

export interface Who {
  roles: string[];
  /** Decides anything: a kind in their inbox. */
  verifier: boolean;
  /** The kinds in their inbox (known once the inbox has answered). */
  kinds?: string[];
}

/** The phone's bottom bar: at most five items. */
export function bottomItems(who: Who): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "Beranda", icon: "home" },
    { to: "/laporan", label: "Laporan", icon: "reports" },
    { to: "/presensi", label: "Presensi", icon: "attendance" },
  ];
  if (who.verifier) items.push({ to: "/persetujuan", label: "Persetujuan", icon: "approvals", badge: true });
  items.push({ to: "/akun", label: "Akun", icon: "account" });
  return items;
}

/** The desktop side navigation: the same items plus the person's own tools and the role's own areas. */
export function sideGroups(who: Who): NavGroup[] {
  return [
    { title: "", items: bottomItems(who).filter((i) => i.to !== "/akun") },
    ...ownGroups(),
    ...workGroups(who),
    { title: "Akun", items: [{ to: "/akun", label: "Akun saya", icon: "account" }] },
  ];
}

/** Everyone's own tools: their reports' (the SKP whose targets the reports serve first) and their personnel file's. */
export function ownGroups(): NavGroup[] {
  return [
    {
      title: "Laporan saya",
      items: [
        { to: "/skp", label: "SKP", icon: "recap" },
        { to: "/templat", label: "Templat", icon: "template" },
        { to: "/pengingat", label: "Pengingat", icon: "bell" },
        { to: "/cetak", label: "Cetak & unduh", icon: "print" },
        { to: "/cuti", label: "Cuti", icon: "calendar" },
      ],
    },
    {
      title: "Kepegawaian saya",
      items: [
        { to: "/pengaduan", label: "Pengaduan presensi", icon: "file" },
        { to: "/izin", label: "Izin", icon: "calendar" },
        { to: "/perangkat", label: "Perangkat presensi", icon: "key" },
        { to: "/riwayat", label: "Riwayat", icon: "template" },
        { to: "/arsip", label: "Arsip dokumen", icon: "file" },
      ],
    },
  ];
}

/** The role's own areas, grouped by what the person does there (empty groups left out). */
export function workGroups(who: Who): NavGroup[] {
  const has = (...roles: string[]) => roles.some((r) => who.roles.includes(r));
  const verify: NavItem[] = [];
  if (has("ATASAN") || who.kinds?.includes("report")) verify.push({ to: "/delegasi", label: "Delegasi verifikasi", icon: "delegate" });
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) verify.push({ to: "/cuti-pegawai", label: "Cuti pegawai", icon: "users" });
  const recap: NavItem[] = [];
  if (has("ATASAN", "KEPEGAWAIAN", "BKD", "ADMIN")) recap.push({ to: "/rekap", label: "Rekap", icon: "recap" });
  if (has("ATASAN")) recap.push({ to: "/skp/staf", label: "SKP staf", icon: "users" });
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) recap.push({ to: "/rekap-disiplin", label: "Disiplin & TPP", icon: "clock" });
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) recap.push({ to: "/kelengkapan-arsip", label: "Kelengkapan arsip", icon: "recap" });
  const people: NavItem[] = [];
  if (has("OPERATOR_SKPD", "KEPEGAWAIAN", "ADMIN")) people.push({ to: "/pegawai", label: "Pegawai", icon: "users" });
  if (has("OPERATOR_SKPD", "ADMIN")) people.push({ to: "/impor", label: "Impor pegawai", icon: "import" });
  // public-service work of an office (issue 22): its officers (LAYANAN), leadership (PIMPINAN), the admin
  const service: NavItem[] = [];
  if (has("LAYANAN", "ADMIN")) service.push({ to: "/layanan/meja", label: "Meja layanan", icon: "users" });
  if (has("LAYANAN", "ADMIN")) service.push({ to: "/layanan/katalog", label: "Katalog layanan", icon: "template" });
  if (has("LAYANAN", "ADMIN")) service.push({ to: "/permohonan-warga", label: "Permohonan warga", icon: "file" });
  if (has("LAYANAN", "PIMPINAN", "ADMIN")) service.push({ to: "/kritis-saran", label: "Kritik & saran", icon: "alert" });
  const settings: NavItem[] = has("ADMIN") ? [{ to: "/admin", label: "Admin", icon: "cog" }] : [];
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) settings.push({ to: "/jam-kerja", label: "Jam kerja", icon: "clock" });
  return [
    { title: "Verifikasi", items: verify },
    { title: "Rekap", items: recap },
    { title: "Pegawai", items: people },
    { title: "Layanan publik", items: service },
    { title: "Pengaturan", items: settings },
  ].filter((g) => g.items.length);
}

/**
 * The phone's Akun menu: first what the role does (its work groups), then the person's own tools, then the
 * account itself; each group under its heading.
 */
export function accountGroups(who: Who): NavGroup[] {
  return [...workGroups(who), ...ownGroups(), { title: "Akun", items: [{ to: "/ganti-sandi", label: "Ganti kata sandi", icon: "key" }] }];
}
