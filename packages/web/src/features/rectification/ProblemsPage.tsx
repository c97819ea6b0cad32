import { Card, Checkbox, Input, Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { knownCode, optionsOf, useCodeTables } from '../../shared/codeTables';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { NoProblems, ProblemList } from './ProblemList';
import { readProblemParams } from './rectification';
import { fetchBatches, rectKeys, type ProblemView } from './rectificationApi';
import { useCategories } from './useCategories';

/** 我的整改: problems of the responsible side (本组织的问题 / 我负责的), filtered; state in the URL. */
export function ProblemsPage() {
  const [sp, setSp] = useSearchParams();
  const codes = useCodeTables().data;
  const categories = useCategories().data?.items;
  const params = readProblemParams(sp, {
    status: (v) => knownCode(codes?.problemStatuses, v) ?? (codes ? undefined : (v ?? undefined)),
    category: (v) => (v && (!categories || categories.some((c) => c.code === v)) ? v : undefined),
  });
  // This page is the responsible side; the issuing side's lists live on the batch boards.
  const view: ProblemView = params.view === 'mine' ? 'mine' : 'responsible';
  const listParams = { ...params, view };
  const batchParams = { page: 1, pageSize: 100 };
  const batches = useQuery({ queryKey: rectKeys.batches(batchParams), queryFn: () => fetchBatches(batchParams), staleTime: 60_000 });

  const update = (patch: Record<string, string | number | boolean | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === false) next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };
  const filtered = Boolean(params.status || params.overdue || params.category || params.batchId || params.q || params.orgId);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>我的整改</Typography.Title>
      </div>
      <Card>
        <Tabs
          activeKey={view}
          onChange={(k) => update({ view: k === 'responsible' ? undefined : k })}
          items={[
            { key: 'responsible', label: '本组织的问题' },
            { key: 'mine', label: '我负责的' },
          ]}
        />
        <Space wrap style={{ marginBottom: 16 }}>
          {view === 'responsible' ? (
            <OrgTreeSelect
              aria-label="责任组织"
              value={params.orgId}
              onChange={(id) => update({ orgId: id })}
              allowClear
              placeholder="全部（当前管理范围）"
              style={{ width: 240, maxWidth: '100%' }}
            />
          ) : null}
          <Select<string>
            aria-label="状态"
            placeholder="状态"
            allowClear
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={optionsOf(codes?.problemStatuses)}
            style={{ width: 130 }}
          />
          <Select<string>
            aria-label="问题类别"
            placeholder="问题类别"
            allowClear
            value={params.category}
            onChange={(v) => update({ category: v })}
            options={(categories ?? []).map((c) => ({ value: c.code, label: c.label }))}
            style={{ width: 150 }}
            popupMatchSelectWidth={false}
          />
          <Select<number>
            aria-label="批次"
            placeholder="批次"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={params.batchId}
            onChange={(v) => update({ batchId: v })}
            options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: 200, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
          />
          <Checkbox checked={params.overdue === true} onChange={(e) => update({ overdue: e.target.checked })} data-testid="filter-overdue">
            只看逾期
          </Checkbox>
          <Input.Search
            aria-label="按问题描述搜索"
            placeholder="按问题描述搜索"
            allowClear
            defaultValue={params.q}
            maxLength={50}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 200 }}
          />
        </Space>
        <ProblemList
          params={listParams}
          onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort }, false)}
          empty={<NoProblems filtered={filtered} text={view === 'mine' ? '没有由您负责整改的问题' : '本组织暂无需要整改的问题'} />}
        />
      </Card>
    </>
  );
}
