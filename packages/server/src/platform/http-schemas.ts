import { Type, type TSchema } from 'typebox';

/** The one error shape of the API. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: '稳定的错误码，见 platform/errors.ts' }),
    message: Type.String({ description: '中文错误信息' }),
    details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  },
  { title: '错误' },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647, title: 'id' }) });

export const PageQueryFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1, title: '页码' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, title: '每页条数' })),
};

export function Paged<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
};

export function pageWindow(query: { page?: number; pageSize?: number }) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** A search term as a `LIKE`/`ILIKE` pattern matching it anywhere, with %, _ and \ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
