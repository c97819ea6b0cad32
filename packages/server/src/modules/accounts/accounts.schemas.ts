import { Type } from 'typebox';
import { Nullable, PageQueryFields } from '../../platform/http-schemas.js';
import { GrantView } from '../auth/auth.schemas.js';

export const AccountView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    status: Type.String(),
    locked: Type.Boolean(),
    lockedUntil: Nullable(Type.String({ format: 'date-time' })),
    mustChangePassword: Type.Boolean(),
    lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    grants: Type.Array(GrantView),
  },
  { title: '账号' },
);

export const AccountListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, title: '用户名或姓名' })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')], { title: '账号状态' })),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);

export const AccountCreateBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,32}$', title: '用户名', description: '3—32 位字母、数字、下划线、点或连字符' }),
    displayName: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }),
  },
  { additionalProperties: false },
);

export const AccountUpdateBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50, title: '姓名' })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')], { title: '账号状态' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const InitialPassword = Type.String({ description: '一次性初始密码，仅显示这一次；用户首次登录须修改' });
