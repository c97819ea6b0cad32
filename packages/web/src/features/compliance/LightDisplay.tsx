// Lights shown with their colour, a shape and their word (the code tables' lights), so that they read without colour.
import type { CSSProperties, HTMLAttributes } from 'react';
import { DatePicker, List, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { RuleCitation } from '../../shared/RuleCitation';
import { useCompact } from '../../shared/useCompact';
import { citationBasis, isMonth, lightLook, monthLabel, periodLabel, shortMonthLabel } from './compliance';
import type { MonthLight, ObligationResult } from './complianceApi';

export function LightTag({ light, style }: { light: string | null | undefined; style?: CSSProperties }) {
  const lights = useCodeTables().data?.lights;
  const look = lightLook(light);
  return (
    <Tag color={look.tag} style={style} data-testid="light-tag" data-light={light ?? 'none'}>
      <span aria-hidden="true">{look.symbol} </span>
      {light ? labelOf(lights, light) : '未评价'}
    </Tag>
  );
}

/** The last 12 monthly lights as dots, each with its word; the reasons open on hover or tap. */
export function MonthLights({ lights }: { lights: readonly MonthLight[] }) {
  const codes = useCodeTables().data;
  return (
    <div className="month-lights" data-testid="month-lights">
      {lights.map((m, i) => {
        // The year over the first month shown and over each January.
        const year = i === 0 || m.month.endsWith('-01') ? `${m.month.slice(0, 4)}年` : '';
        const look = lightLook(m.light);
        const reasons = m.reasons.filter((r) => r.light !== 'green');
        return (
          <Tooltip
            key={m.month}
            trigger={['hover', 'click']}
            title={
              <div>
                <div>
                  {monthLabel(m.month)}：{labelOf(codes?.lights, m.light)}
                </div>
                {reasons.length > 0
                  ? reasons.map((r) => (
                      <div key={`${r.obligation}-${r.periodStart}`}>· {r.message ?? `${r.obligationLabel}：${labelOf(codes?.lights, r.light)}`}</div>
                    ))
                  : m.light === 'green'
                    ? <div>各项组织生活均已按要求开展</div>
                    : null}
              </div>
            }
          >
            <span className="month-light" tabIndex={0} role="button" data-testid="month-light" data-month={m.month} data-light={m.light}>
              <span className="month-light-year">{year || '\u00a0'}</span>
              <span className="month-light-dot" style={{ background: look.hex }} aria-hidden="true">
                {look.symbol}
              </span>
              <span className="month-light-month">{shortMonthLabel(m.month)}</span>
              <span className="month-light-word" style={{ color: look.hex }}>
                {labelOf(codes?.lights, m.light)}
              </span>
            </span>
          </Tooltip>
        );
      })}
    </div>
  );
}

function ObligationMessage({ o }: { o: ObligationResult }) {
  return (
    <div className="warning-message">
      <div>{o.message ?? (o.light === 'green' ? `已按要求开展（${o.held}/${o.minCount}）` : '—')}</div>
      <RuleCitation basis={citationBasis(o.basis)} />
    </div>
  );
}

/** The obligations of the periods containing the month: what, which period, held / required, light, message and basis. */
export function ObligationsTable({ obligations, emptyText, asList }: { obligations: readonly ObligationResult[]; emptyText: string; asList?: boolean }) {
  const compact = useCompact() || asList === true;
  if (compact) {
    return (
      <List<ObligationResult>
        size="small"
        dataSource={[...obligations]}
        data-testid="obligations"
        locale={{ emptyText }}
        renderItem={(o) => (
          <List.Item key={`${o.obligation}-${o.periodStart}`} style={{ display: 'block', paddingInline: 0 }} data-testid="obligation" data-obligation={o.obligation} data-light={o.light}>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
              <LightTag light={o.light} />
              <Typography.Text strong>{o.obligationLabel}</Typography.Text>
              <Typography.Text type="secondary">{periodLabel(o.periodKind, o.periodStart)}</Typography.Text>
              <Typography.Text data-testid="obligation-held">
                已开展 {o.held}/{o.minCount} 次
              </Typography.Text>
            </div>
            <ObligationMessage o={o} />
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<ObligationResult>
      size="small"
      rowKey={(o) => `${o.obligation}-${o.periodStart}`}
      dataSource={[...obligations]}
      pagination={false}
      data-testid="obligations"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
      onRow={(o) => ({ 'data-testid': 'obligation', 'data-obligation': o.obligation, 'data-light': o.light }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '组织生活', dataIndex: 'obligationLabel', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
        { title: '期间', key: 'period', render: (_, o) => periodLabel(o.periodKind, o.periodStart) },
        {
          title: '已开展/应开展',
          key: 'held',
          align: 'center',
          render: (_, o) => (
            <span data-testid="obligation-held">
              {o.held}/{o.minCount}
            </span>
          ),
        },
        { title: '亮灯', dataIndex: 'light', render: (l: string) => <LightTag light={l} /> },
        { title: '说明与依据', key: 'message', render: (_, o) => <div style={{ minWidth: 240, maxWidth: 520, whiteSpace: 'normal' }}><ObligationMessage o={o} /></div> },
      ]}
    />
  );
}

/** A month (YYYY-MM) up to this one. */
export function MonthPicker({ value, onChange }: { value: string | undefined; onChange: (month: string | undefined) => void }) {
  return (
    <DatePicker
      picker="month"
      aria-label="月份"
      value={isMonth(value) ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM') : undefined)}
      disabledDate={(d) => d.isAfter(dayjs(), 'month')}
      placeholder="本月"
      inputReadOnly
      style={{ width: 130 }}
    />
  );
}
