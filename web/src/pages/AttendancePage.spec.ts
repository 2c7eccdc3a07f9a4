import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useSession } from "@/composables/useSession";
import AttendancePage from "./AttendancePage.vue";

const get = vi.fn();
const post = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ GET: get, POST: post }),
  unwrap: async (call: Promise<{ data: unknown }>) => (await call).data,
}));
vi.mock("vue-router", () => ({ useRoute: () => ({ query: {} }), useRouter: () => ({ replace: vi.fn() }) }));
vi.mock("@/composables/useDeviceKey", () => ({ deviceKeysSupported: () => false, roundCoordinate: (v: number) => v, useDeviceKey: vi.fn() }));

const TODAY = "2026-12-07";

function calendar() {
  const day = {
    date: TODAY,
    weekend: false,
    holiday: null,
    working_day: true,
    attended: false,
    sources: [],
    source_times: [],
    recorded_sessions: [],
    check_in: null,
    check_out: null,
    reports: { SUBMITTED: 0, APPROVED: 0, REJECTED: 0 },
    leave: null,
    report_expected: true,
    discipline: null,
  };
  return { month: "2026-12", timezone: "WIB", days: [day], figures: null };
}

function answers(rules: Record<string, unknown> | null) {
  get.mockImplementation(async (path: string) => {
    if (path === "/attendance/calendar") return { data: calendar() };
    if (path === "/me/check-in-rules") return rules ? { data: rules } : Promise.reject(new Error("down"));
    if (path === "/me/devices") return { data: { device_policy: "OFF", devices: [] } };
    throw new Error(`unexpected ${path}`);
  });
}

async function open() {
  const page = mount(AttendancePage, {
    global: { stubs: { RouterLink: true, MonthCalendar: true, MonthFiguresCard: true } },
    attachTo: document.body,
  });
  await flushPromises();
  return page;
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T01:00:00Z") });
  useSession().state.profile = { nip: "199001152015032001", roles: ["PEGAWAI"], timezone: "WIB" } as never;
  document.body.innerHTML = "";
});

describe("AttendancePage", () => {
  it("shows the camera before the first tap where the satker requires a selfie", async () => {
    answers({ selfie_required: true, location_required: true, max_accuracy_m: 100, max_selfie_kb: 300 });
    const page = await open();
    expect(get).toHaveBeenCalledWith("/me/check-in-rules");
    expect(page.find("[data-testid=checkin-selfie]").exists()).toBe(true);
    expect(page.text()).toContain("Presensi masuk");
    page.unmount();
  });

  it("shows no camera where no selfie is required, nor when the rules cannot be read", async () => {
    answers({ selfie_required: false, location_required: false, max_accuracy_m: null, max_selfie_kb: 300 });
    const page = await open();
    expect(page.find("[data-testid=checkin-selfie]").exists()).toBe(false);
    page.unmount();
    answers(null);
    const again = await open();
    expect(again.find("[data-testid=checkin-selfie]").exists()).toBe(false);
    again.unmount();
  });
});
