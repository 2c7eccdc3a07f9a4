import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { usePagedList } from "./usePagedList";

const refused = new ApiError({ status: 0, code: "NETWORK", message: "Tidak dapat terhubung ke server.", details: {} });

describe("usePagedList", () => {
  it("reads the first page, then appends the next one while there is a cursor", async () => {
    const fetchPage = vi.fn(async (cursor: string | null) =>
      cursor ? { items: [3], next_cursor: null } : { items: [1, 2], next_cursor: "c1" },
    );
    const list = usePagedList(fetchPage);
    await list.load();
    expect([list.items.value, list.cursor.value]).toEqual([[1, 2], "c1"]);
    await list.loadMore();
    expect([list.items.value, list.cursor.value]).toEqual([[1, 2, 3], null]);
    await list.loadMore();
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, "c1"]);
  });

  it("keeps what is shown when a further page fails, and empties the list when the first one does", async () => {
    const fetchPage = vi.fn(async (cursor: string | null) => (cursor ? Promise.reject(refused) : { items: ["a"], next_cursor: "c1" }));
    const list = usePagedList(fetchPage);
    await list.load();
    await list.loadMore();
    expect([list.items.value, list.error.value, list.more.value]).toEqual([["a"], "Tidak dapat terhubung ke server.", false]);
    fetchPage.mockRejectedValueOnce(refused);
    await list.load();
    expect([list.items.value, list.cursor.value, list.problem.value?.code, list.loading.value]).toEqual([[], null, "NETWORK", false]);
  });
});
