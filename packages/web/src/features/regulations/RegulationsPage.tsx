import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Collapse, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { FORCE_LABELS, filterRules, formatValue, regulationsQuery, valueInForce, type CatalogueParameter, type CatalogueValue } from './regulations';

const FORCE_COLORS: Record<string, string> = { shall: 'red', generally: 'orange', may: 'blue' };

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function ValueHistory({ parameter }: { parameter: CatalogueParameter }) {
  const current = valueInForce(parameter.values, today());
  return (
    <Table<CatalogueValue>
      size="small"
      pagination={false}
      rowKey={(v) => `${v.effectiveFrom}-${v.source}`}
      dataSource={parameter.values}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '施行日期', dataIndex: 'effectiveFrom', width: 110, render: (d: string, v) => (v === current ? <Space size={4}>{d}<Tag color="green">现行</Tag></Space> : d) },
        { title: '取值', dataIndex: 'value', width: 120, render: (value: unknown) => formatValue(value, parameter.unit) },
        { title: '效力', dataIndex: 'force', width: 70, render: (f: string) => <Tag color={FORCE_COLORS[f]}>{FORCE_LABELS[f] ?? f}</Tag> },
        {
          title: '依据',
          key: 'source',
          render: (_, v) => (
            <div style={{ maxWidth: 520, whiteSpace: 'normal' }}>
              《{v.sourceTitle.replace(/^《|》$/g, '')}》{v.article}
              {v.quote ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>“{v.quote}”</Typography.Paragraph> : null}
            </div>
          ),
        },
      ]}
    />
  );
}

/** 规则与依据: what every warning and light is computed from, with the article it comes from. */
export function RegulationsPage() {
  const catalogue = useQuery(regulationsQuery);
  const [query, setQuery] = useState('');
  const rules = useMemo(() => filterRules(catalogue.data?.rules ?? [], query), [catalogue.data, query]);
  return (
    <Card title="规则与依据">
      <Typography.Paragraph type="secondary">
        平台的每一条提醒、亮灯和期限都由下列规则根据已录入的记录计算，参数注明施行日期、效力（应当 / 一般 / 可以）和出处；修改参数只影响施行日期之后的评价。
      </Typography.Paragraph>
      <Input.Search allowClear placeholder="搜索规则、参数或法规条款，如：党员大会、第十一条" style={{ maxWidth: 420, marginBottom: 16 }} onChange={(e) => setQuery(e.target.value)} />
      {catalogue.error ? <ErrorAlert error={catalogue.error} /> : null}
      {catalogue.data && rules.length === 0 ? <Empty description="没有符合条件的规则" /> : null}
      <Collapse
        items={rules.map((r) => ({
          key: r.id,
          label: (
            <Space wrap size={4}>
              <span>{r.title}</span>
              <Typography.Text type="secondary" code>
                {r.id}
              </Typography.Text>
            </Space>
          ),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
              {r.parameters.map((p) => (
                <div key={p.id}>
                  <Typography.Text strong>{p.description}</Typography.Text>{' '}
                  <Typography.Text type="secondary" code>
                    {p.id}
                  </Typography.Text>
                  <ValueHistory parameter={p} />
                </div>
              ))}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
