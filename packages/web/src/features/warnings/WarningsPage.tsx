import { Card, Grid, Segmented, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import type { WarningListParams } from '../orgs/orgRecordsApi';
import { useCodeTables } from '../../shared/codeTables';
import { isWarningKind, warningKindOptions } from './warnings';
import { WarningsTable } from './WarningsTable';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 预警: the warnings of the scope (or of an org in it), filtered by kind; state in the URL. */
export function WarningsPage() {
  const [sp, setSp] = useSearchParams();
  // Seven kinds make a wide row of buttons: a select below desktop widths.
  const compact = Grid.useBreakpoint().xl === false;
  const kindOptions = [{ value: 'all', label: '全部类别' }, ...warningKindOptions(useCodeTables().data?.warningKinds)];
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots });
  const kind = sp.get('kind');
  const orgId = positiveInt(sp.get('orgId'), 0) || undefined;
  const params: WarningListParams = {
    orgId,
    kind: isWarningKind(kind) ? kind : undefined,
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
  // Without an org the server answers for the scope root: show it in the picker.
  const rootId = roots.data?.length === 1 ? roots.data[0]?.id : undefined;

  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };

  const filtered = params.kind !== undefined || (orgId !== undefined && orgId !== rootId);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>预警</Typography.Title>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          管理范围内按到期日排列的换届到期与逾期、职务空缺、组织设置问题、预备党员转正到期、组织关系转接待接收、组织生活未按期开展、党员连续缺席组织生活等预警，每条注明制度依据；点击组织名称可前往办理。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          {compact ? (
            <Select<string>
              aria-label="预警类别"
              value={params.kind ?? 'all'}
              onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
              options={kindOptions}
              style={{ width: 200 }}
            />
          ) : (
            <Segmented<string>
              aria-label="预警类别"
              value={params.kind ?? 'all'}
              onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
              options={kindOptions}
            />
          )}
          <OrgTreeSelect
            aria-label="组织"
            value={orgId ?? rootId}
            onChange={(id) => update({ orgId: id === rootId ? undefined : id })}
            allowClear={orgId !== undefined}
            placeholder="全部（当前管理范围）"
            style={{ width: 280, maxWidth: '100%' }}
          />
        </Space>
        <WarningsTable
          params={params}
          onPageChange={(page, pageSize) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize }, false)}
          emptyText={filtered ? '所选组织或类别下暂无预警' : '管理范围内暂无预警'}
        />
      </Card>
    </>
  );
}
