import { Type } from 'typebox';
import { ROLES } from '../../platform/permissions.js';
import { Nullable } from '../../platform/http-schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, title: '用户名' }),
    password: Type.String({ minLength: 1, maxLength: 256, title: '密码' }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256, title: '当前密码' }),
    newPassword: Type.String({ minLength: 1, maxLength: 256, title: '新密码' }),
  },
  { additionalProperties: false },
);

export const SwitchGrantBody = Type.Object({ grantId: Type.Integer({ minimum: 1, title: '授权' }) }, { additionalProperties: false });

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)), { title: '角色' });

export const GrantView = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  roleLabel: Type.String(),
  orgId: Nullable(Type.Integer()),
  orgName: Nullable(Type.String()),
});

export const MeView = Type.Object(
  {
    user: Type.Object({
      id: Type.Integer(),
      username: Type.String(),
      displayName: Type.String(),
      mustChangePassword: Type.Boolean(),
    }),
    csrfToken: Type.String({ description: '在所有 POST/PUT/PATCH/DELETE 请求的 x-csrf-token 请求头中回传' }),
    grants: Type.Array(GrantView),
    activeGrantId: Nullable(Type.Integer()),
    permissions: Type.Array(Type.String()),
    idleTimeoutMinutes: Type.Integer(),
  },
  { title: '当前用户' },
);
