import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { describeCatalogue, registry, type ParameterTree } from '@dangjian/regulations';
import { Type } from 'typebox';
import { commonErrors, Nullable } from '../../platform/http-schemas.js';

const CatalogueValue = Type.Object({
  effectiveFrom: Type.String({ format: 'date' }),
  value: Type.Unknown({ description: '取值；null 表示自该日起废止' }),
  force: Type.String({ description: 'shall 应当 / generally 一般 / may 可以' }),
  source: Type.String(),
  sourceTitle: Type.String(),
  article: Type.String(),
  quote: Type.Optional(Type.String()),
});

const CatalogueParameter = Type.Object({
  id: Type.String(),
  description: Type.String(),
  unit: Type.String(),
  verifiedOn: Type.String(),
  values: Type.Array(CatalogueValue),
});

const RegulationsCatalogue = Type.Object(
  {
    rules: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        description: Type.String(),
        period: Type.String(),
        parameters: Type.Array(Type.Intersect([Type.Object({ name: Type.String() }), CatalogueParameter])),
      }),
    ),
    sources: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        kind: Type.String(),
        issuer: Type.String(),
        publishedOn: Type.String(),
        effectiveOn: Type.String(),
        repealedOn: Nullable(Type.String()),
        url: Nullable(Type.String()),
      }),
    ),
  },
  { title: '规则目录' },
);

/**
 * The regulations catalogue (规则与依据): every rule the platform computes, its parameters with their dated values,
 * force and citation, and the sources — the same content as docs/regulations.md, generated from the loaded tree
 * (so a jurisdiction's own parameters show too).
 */
export const regulationsRoutes: FastifyPluginAsyncTypebox<{ regulations: ParameterTree }> = async (app, { regulations }) => {
  const catalogue = describeCatalogue(regulations, registry);
  const body = {
    rules: catalogue.rules.map((r) => ({ id: r.id, title: r.title, description: r.description, period: r.period, parameters: r.parameters })),
    sources: catalogue.sources.map((s) => ({ id: s.id, title: s.title, kind: s.kind, issuer: s.issuer, publishedOn: s.publishedOn, effectiveOn: s.effectiveOn, repealedOn: s.repealedOn, url: s.url ?? null })),
  };
  app.get(
    '/meta/regulations',
    { schema: { tags: ['系统'], summary: '规则与依据：平台计算的每条规则、参数的各期取值、效力和出处', response: { 200: RegulationsCatalogue, ...commonErrors } }, config: { access: 'authenticated' } },
    async () => body,
  );
};
