// Parts of the green-rate overview, used by the 支部亮灯 page and the home dashboard.
import { Empty, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCompact } from '../../shared/useCompact';
import { formatRate, lightLook, monthLabel } from './compliance';
import type { ComplianceOverview, GreenRate } from './complianceApi';
import { ChildrenRankingChart } from './ComplianceCharts';

/** N 个 with the light's colour, shape and word. */
function LightCount({ light, label, count }: { light: 'green' | 'yellow' | 'red'; label: string; count: number }) {
  const look = lightLook(light);
  return (
    <Tag color={look.tag} style={{ marginInlineEnd: 0 }} data-testid={`count-${light}`}>
      <span aria-hidden="true">{look.symbol} </span>
      {label} {count} 个
    </Tag>
  );
}

/** The big green rate of the month with the counts of green, yellow and red branches. */
export function GreenRateFigure({ month, total }: { month: string; total: GreenRate }) {
  return (
    <div data-testid="green-rate">
      <Typography.Text type="secondary">{monthLabel(month)} 支部绿灯率</Typography.Text>
      <div className="green-rate-number" data-testid="green-rate-value">
        {formatRate(total.greenRate)}
      </div>
      {total.branches === 0 ? (
        <Typography.Text type="secondary">该范围内暂无党支部</Typography.Text>
      ) : (
        <Space size={[6, 6]} wrap>
          <LightCount light="green" label="绿灯" count={total.green} />
          <LightCount light="yellow" label="黄灯" count={total.yellow} />
          <LightCount light="red" label="红灯" count={total.red} />
          <Typography.Text type="secondary">共 {total.branches} 个支部</Typography.Text>
        </Space>
      )}
    </div>
  );
}

/** Child units ranked by green rate: the bar chart and, for reading the figures, a table. A click opens the unit. */
export function ChildrenRanking({ overview, onPick, chart = true }: { overview: ComplianceOverview; onPick: (id: number) => void; chart?: boolean }) {
  // On a phone: rank, unit and rate only, the unit's name wrapping.
  const compact = useCompact();
  if (overview.children.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有设有党支部的下级单位" />;
  return (
    <>
      {chart && overview.children.length > 1 ? <ChildrenRankingChart rows={overview.children} onPick={onPick} /> : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={overview.children}
        pagination={overview.children.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        data-testid="children-ranking"
        onRow={(row) => ({ onClick: () => onPick(row.id), className: 'clickable-row', title: '查看该单位的支部亮灯' })}
        columns={[
          { title: '排名', key: 'rank', width: compact ? 44 : 56, render: (_, __, i) => i + 1 },
          {
            title: '单位',
            dataIndex: 'name',
            render: (name: string, row) => (
              <div style={{ minWidth: compact ? 0 : 140, maxWidth: compact ? 200 : 320, whiteSpace: 'normal', wordBreak: 'break-word' }}>
                <Typography.Link>{name}</Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                  {compact ? null : row.typeLabel}
                </Typography.Text>
              </div>
            ),
          },
          { title: '绿灯率', dataIndex: 'greenRate', align: 'right', render: (r: number | null) => <Typography.Text strong>{formatRate(r)}</Typography.Text> },
          ...(compact
            ? []
            : [
                { title: '绿/黄/红', key: 'counts', align: 'center' as const, render: (_: unknown, r: GreenRate) => `${r.green}/${r.yellow}/${r.red}` },
                { title: '支部数', dataIndex: 'branches', align: 'right' as const },
              ]),
        ]}
      />
    </>
  );
}

/** 红灯支部 with their reasons; each opens the branch's page. */
export function RedBranches({ overview, month }: { overview: ComplianceOverview; month?: string }) {
  const monthQuery = month ? `&month=${month}` : '';
  return (
    <>
      <List
        size="small"
        dataSource={overview.redBranches}
        data-testid="red-branches"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月没有红灯支部" /> }}
        renderItem={(b) => (
          <List.Item key={b.id} style={{ display: 'block', paddingInline: 0 }}>
            <Link to={`/compliance/branch?orgId=${b.id}${monthQuery}`}>{b.name}</Link>
            {b.parentName ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {b.parentName}
              </Typography.Text>
            ) : null}
            <ul className="red-reasons">
              {b.reasons.map((r) => (
                <li key={r} className="warning-message">
                  {r}
                </li>
              ))}
            </ul>
          </List.Item>
        )}
      />
      {overview.redBranchesTotal > overview.redBranches.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {overview.redBranchesTotal} 个红灯支部，此处列出前 {overview.redBranches.length} 个；可在下级单位中查看其余支部。
        </Typography.Text>
      ) : null}
    </>
  );
}
