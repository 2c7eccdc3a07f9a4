/**
 * The navigation by role (UI.md "Navigation by role"): nothing a person cannot use is shown. Everything
 * someone decides (reports, leave, letters to number, complaints, records, documents) is in the one
 * inbox, Persetujuan, with one badge; the role's own areas hold no second queue.
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

/** The desktop side navigation: the same items plus the role's own areas. */
export function sideGroups(who: Who): NavGroup[] {
  const has = (...roles: string[]) => roles.some((r) => who.roles.includes(r));
  const groups: NavGroup[] = [
    { title: "", items: bottomItems(who).filter((i) => i.to !== "/akun") },
    {
      title: "Laporan saya",
      items: [
        { to: "/templat", label: "Templat", icon: "template" },
        { to: "/pengingat", label: "Pengingat", icon: "bell" },
        { to: "/cetak", label: "Cetak & unduh", icon: "print" },
        { to: "/cuti", label: "Cuti", icon: "calendar" },
      ],
    },
  ];
  groups.push({
    title: "Kepegawaian saya",
    items: [
      { to: "/pengaduan", label: "Pengaduan presensi", icon: "file" },
      { to: "/riwayat", label: "Riwayat", icon: "template" },
      { to: "/arsip", label: "Arsip dokumen", icon: "file" },
    ],
  });
  const work: NavItem[] = [];
  if (has("ATASAN") || who.kinds?.includes("report")) work.push({ to: "/delegasi", label: "Delegasi verifikasi", icon: "delegate" });
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) work.push({ to: "/cuti-pegawai", label: "Cuti pegawai", icon: "users" });
  if (has("ATASAN", "KEPEGAWAIAN", "ADMIN")) work.push({ to: "/rekap", label: "Rekap", icon: "recap" });
  if (has("OPERATOR_SKPD", "KEPEGAWAIAN", "ADMIN")) work.push({ to: "/pegawai", label: "Pegawai", icon: "users" });
  if (has("OPERATOR_SKPD", "ADMIN")) work.push({ to: "/impor", label: "Impor pegawai", icon: "import" });
  if (has("ADMIN")) work.push({ to: "/admin", label: "Admin", icon: "cog" });
  if (has("KEPEGAWAIAN", "BKD", "ADMIN")) work.push({ to: "/kelengkapan-arsip", label: "Kelengkapan arsip", icon: "recap" });
  if (work.length) groups.push({ title: "Pekerjaan", items: work });
  groups.push({ title: "Akun", items: [{ to: "/akun", label: "Akun saya", icon: "account" }] });
  return groups;
}
