/**
 * The permission (izin) calls of the API: the employee's own list, a request, a withdrawal. Deciding one is not
 * here: it is the one decision mechanism (`@/api/decisions`, kind `permission`), as the inbox decides it.
 */
import { api, unwrap, type Schemas } from "./client";

export type Permission = Schemas["Permission"];
export type PermissionInput = Schemas["PermissionInput"];
export type PermissionPage = Schemas["PermissionPage"];

export const permissionsApi = {
  /** Own permissions, newest date first, a page at a time. */
  list: (cursor: string | null): Promise<PermissionPage> =>
    unwrap(api().GET("/permissions", { params: { query: { cursor: cursor ?? undefined } } })),
  request: (body: PermissionInput): Promise<Permission> => unwrap(api().POST("/permissions", { body })),
  /** Take back a permission nobody has decided yet (the version last read). */
  withdraw: (permission: Permission): Promise<Permission> =>
    unwrap(
      api().DELETE("/permissions/{permission_id}", {
        params: { path: { permission_id: permission.permission_id }, query: { version: permission.version } },
      }),
    ),
};
