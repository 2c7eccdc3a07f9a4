/** Routes, with who may open them. Pages are loaded on demand, so the first page ships little code. */
import { nextTick } from "vue";
import { createRouter, createWebHistory, type RouteLocation, type RouteLocationRaw, type RouteRecordRaw } from "vue-router";
import { useSession } from "@/composables/useSession";
import { announce, leavePage } from "@/composables/useToast";
import { ENROLMENT_PATH } from "@/lib/sign-in";

declare module "vue-router" {
  interface RouteMeta {
    title?: string;
    /** Open without signing in. */
    public?: boolean;
    /** Shown without the app shell (sign-in, password change). */
    bare?: boolean;
    /** Any of these roles may open it. */
    roles?: string[];
    /** Only for someone who decides anything (a kind in their inbox). */
    verifier?: boolean;
    /** Reached from "Akun" on a phone (the bottom bar marks Akun). */
    account?: boolean;
    /** Desktop layout with wide tables. */
    wide?: boolean;
  }
}

/** The inbox on one kind (its URL word), keeping the old page's filters (?status, ?skpd, ?dari, ?untuk …). */
function inbox(to: RouteLocation, slug: string): RouteLocationRaw {
  const { tahap: _stage, ...query } = to.query;
  return { path: "/persetujuan", query: { ...query, jenis: slug } };
}

const routes: RouteRecordRaw[] = [
  { path: "/masuk", component: () => import("@/pages/SignInPage.vue"), meta: { title: "Masuk", public: true, bare: true } },
  {
    path: "/masuk/kode",
    component: () => import("@/pages/CodeSignInPage.vue"),
    meta: { title: "Masuk dengan kode", public: true, bare: true },
  },
  {
    path: "/lupa-sandi",
    component: () => import("@/pages/ForgotPasswordPage.vue"),
    meta: { title: "Lupa kata sandi", public: true, bare: true },
  },
  {
    path: "/ganti-sandi",
    component: () => import("@/pages/PasswordChangePage.vue"),
    meta: { title: "Ganti kata sandi", bare: true },
  },
  { path: "/", component: () => import("@/pages/HomePage.vue"), meta: { title: "Beranda" } },
  { path: "/presensi", component: () => import("@/pages/AttendancePage.vue"), meta: { title: "Presensi" } },
  { path: "/laporan", component: () => import("@/pages/ReportsPage.vue"), meta: { title: "Laporan kegiatan" } },
  { path: "/laporan/baru", component: () => import("@/pages/ReportFormPage.vue"), meta: { title: "Laporan baru" } },
  { path: "/laporan/:id", component: () => import("@/pages/ReportDetailPage.vue"), meta: { title: "Detail laporan" } },
  { path: "/laporan/:id/ubah", component: () => import("@/pages/ReportFormPage.vue"), meta: { title: "Ubah laporan" } },
  {
    path: "/laporan/:id/salin",
    component: () => import("@/pages/ReportFormPage.vue"),
    meta: { title: "Ajukan ulang laporan" },
  },
  { path: "/templat", component: () => import("@/pages/TemplatesPage.vue"), meta: { title: "Templat", account: true } },
  { path: "/pengingat", component: () => import("@/pages/ReminderPage.vue"), meta: { title: "Pengingat", account: true } },
  { path: "/cetak", component: () => import("@/pages/ExportPage.vue"), meta: { title: "Cetak & unduh", account: true, wide: true } },
  {
    path: "/persetujuan",
    component: () => import("@/pages/InboxPage.vue"),
    meta: { title: "Persetujuan", verifier: true, wide: true },
  },
  // the queues before the one inbox: bookmarks open the inbox on the same kind
  { path: "/persetujuan-cuti", redirect: (to) => inbox(to, to.query.tahap === "keputusan" ? "keputusan-cuti" : "pertimbangan-cuti") },
  { path: "/penomoran-cuti", redirect: (to) => inbox(to, "penomoran-cuti") },
  { path: "/verifikasi/pengaduan", redirect: (to) => inbox(to, "pengaduan") },
  { path: "/verifikasi/riwayat", redirect: (to) => inbox(to, "riwayat") },
  { path: "/verifikasi/arsip", redirect: (to) => inbox(to, "arsip") },
  {
    path: "/delegasi",
    component: () => import("@/pages/DelegationsPage.vue"),
    meta: { title: "Delegasi verifikasi", account: true },
  },
  {
    path: "/rekap",
    component: () => import("@/pages/RecapPage.vue"),
    meta: { title: "Rekap", roles: ["ATASAN", "KEPEGAWAIAN", "BKD", "ADMIN"], account: true },
  },
  {
    path: "/pegawai",
    component: () => import("@/pages/EmployeesPage.vue"),
    meta: { title: "Pegawai", roles: ["OPERATOR_SKPD", "KEPEGAWAIAN", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/pegawai/baru",
    component: () => import("@/pages/EmployeeFormPage.vue"),
    meta: { title: "Pegawai baru", roles: ["OPERATOR_SKPD", "ADMIN"], account: true },
  },
  {
    path: "/pegawai/:nip",
    component: () => import("@/pages/EmployeeFormPage.vue"),
    meta: { title: "Data pegawai", roles: ["OPERATOR_SKPD", "KEPEGAWAIAN", "ADMIN"], account: true },
  },
  {
    path: "/impor",
    component: () => import("@/pages/ImportPage.vue"),
    meta: { title: "Impor pegawai", roles: ["OPERATOR_SKPD", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/admin",
    component: () => import("@/pages/AdminPage.vue"),
    meta: { title: "Admin", roles: ["ADMIN"], account: true, wide: true },
  },
  { path: "/skp", component: () => import("@/pages/SkpPage.vue"), meta: { title: "SKP", account: true } },
  {
    path: "/skp/staf",
    component: () => import("@/pages/SkpStaffPage.vue"),
    meta: { title: "SKP staf", roles: ["ATASAN"], account: true, wide: true },
  },
  {
    path: "/skp/staf/:nip/:year/triwulan/:q",
    component: () => import("@/pages/SkpQuarterPage.vue"),
    meta: { title: "Penilaian triwulan", roles: ["ATASAN"], account: true },
  },
  { path: "/cuti", component: () => import("@/pages/LeavePage.vue"), meta: { title: "Cuti", account: true } },
  { path: "/cuti/ajukan", component: () => import("@/pages/LeaveFormPage.vue"), meta: { title: "Ajukan cuti", account: true } },
  {
    path: "/cuti-pegawai",
    component: () => import("@/pages/LeaveSkpdPage.vue"),
    meta: { title: "Cuti pegawai", roles: ["KEPEGAWAIAN", "BKD", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/jam-kerja",
    component: () => import("@/pages/WorkingHoursPage.vue"),
    meta: { title: "Jam kerja", roles: ["KEPEGAWAIAN", "BKD", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/rekap-disiplin",
    component: () => import("@/pages/DisciplinePage.vue"),
    meta: { title: "Disiplin & TPP", roles: ["KEPEGAWAIAN", "BKD", "ADMIN"], account: true, wide: true },
  },
  { path: "/pengaduan", component: () => import("@/pages/ComplaintsPage.vue"), meta: { title: "Pengaduan presensi", account: true } },
  { path: "/izin", component: () => import("@/pages/PermissionsPage.vue"), meta: { title: "Izin", account: true } },
  { path: "/perangkat", component: () => import("@/pages/DevicesPage.vue"), meta: { title: "Perangkat presensi", account: true } },
  { path: "/riwayat", component: () => import("@/pages/RecordsPage.vue"), meta: { title: "Riwayat", account: true } },
  { path: "/arsip", component: () => import("@/pages/ArchivePage.vue"), meta: { title: "Arsip dokumen", account: true } },
  {
    path: "/kelengkapan-arsip",
    component: () => import("@/pages/ArchiveCompletenessPage.vue"),
    meta: { title: "Kelengkapan arsip", roles: ["KEPEGAWAIAN", "BKD", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/layanan/meja",
    component: () => import("@/pages/PtspDeskPage.vue"),
    meta: { title: "Meja layanan", roles: ["LAYANAN", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/layanan/katalog",
    component: () => import("@/pages/PtspCatalogPage.vue"),
    meta: { title: "Katalog layanan", roles: ["LAYANAN", "ADMIN"], account: true, wide: true },
  },
  {
    path: "/permohonan-warga",
    component: () => import("@/pages/CitizenRequestsPage.vue"),
    meta: { title: "Permohonan warga", roles: ["LAYANAN", "ADMIN"], account: true },
  },
  // a tracked citizen request's public status (issue 22): no account, a phone first; its own prefix, apart from
  // the officers' /layanan/meja and /layanan/katalog
  {
    path: "/status-permohonan/:no",
    component: () => import("@/pages/PublicRequestStatusPage.vue"),
    meta: { title: "Status permohonan", public: true, bare: true },
  },
  {
    path: "/kritis-saran",
    component: () => import("@/pages/KritisOfficePage.vue"),
    meta: { title: "Kritik & saran", roles: ["LAYANAN", "PIMPINAN", "ADMIN"], account: true },
  },
  // Kritis (issue 22): the public form and an item's public status, no account, a phone first
  { path: "/kritis", component: () => import("@/pages/KritisFormPage.vue"), meta: { title: "Kritik & saran", public: true, bare: true } },
  {
    path: "/kritis/:no",
    component: () => import("@/pages/KritisStatusPage.vue"),
    meta: { title: "Status kritik/saran", public: true, bare: true },
  },
  { path: "/akun", component: () => import("@/pages/AccountPage.vue"), meta: { title: "Akun" } },
  {
    path: ENROLMENT_PATH,
    component: () => import("@/pages/AuthenticatorPage.vue"),
    meta: { title: "Aplikasi autentikator", bare: true },
  },
  { path: "/:rest(.*)*", component: () => import("@/pages/NotFoundPage.vue"), meta: { title: "Halaman tidak ditemukan" } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  const session = useSession();
  if (to.meta.public) {
    const due = session.state.session?.mustChange || session.state.session?.mustEnrol;
    if (to.path === "/masuk" && session.isSignedIn.value && !due) return "/";
    return true;
  }
  if (!session.isSignedIn.value) {
    if (session.state.session) session.forget("Sesi Anda telah berakhir. Silakan masuk kembali.");
    return { path: "/masuk", query: to.fullPath !== "/" ? { lanjut: to.fullPath } : {} };
  }
  if (session.state.session?.mustChange) return to.path === "/ganti-sandi" ? true : "/ganti-sandi";
  if (session.state.session?.mustEnrol) return to.path === ENROLMENT_PATH ? true : ENROLMENT_PATH;
  if (!session.state.profile) {
    try {
      await session.loadProfile();
    } catch {
      if (!session.isSignedIn.value) return "/masuk";
    }
  } else {
    void session.loadProfile().catch(() => undefined);
  }
  if (to.meta.verifier && !session.state.inbox) await session.loadInbox();
  const allowed =
    (!to.meta.roles || session.hasRole(...to.meta.roles)) && (!to.meta.verifier || session.isVerifier.value);
  if (!allowed) {
    announce("Anda tidak memiliki akses ke halaman itu.", "error");
    return "/";
  }
  return true;
});

router.afterEach((to, from) => {
  document.title = to.meta.title ? `${to.meta.title} — Kinerja` : "Kinerja";
  if (from.matched.length === 0 || to.path === from.path) return;
  leavePage(); // a confirmation stays on the page it confirms (issue 18)
  void nextTick(() => {
    // move focus to the new page's heading, as a page load would (screen readers read it)
    setTimeout(() => {
      const heading = document.querySelector<HTMLElement>("main h1, h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    }, 60);
  });
});
