// ECharts of 问题整改, tree-shaken like the compliance charts: problems by status (pie) and by category (bar) on a
// batch board, 共性问题 (bar with the org counts), and the closure / on-time rate of the batches (line).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { labelOf, type Code } from '../../shared/codeTables';
import { ratePercent } from './rectification';
import type { BatchBoard, CommonProblem, TrendPoint } from './rectificationApi';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const STATUS_CHART_COLORS: Record<string, string> = {
  issued: '#1677ff',
  claimed: '#13c2c2',
  measures_set: '#2f54eb',
  in_progress: '#faad14',
  closure_requested: '#722ed1',
  closed: '#52c41a',
};

function Chart({ option, height, label, testId }: { option: object; height: number; label: string; testId: string }) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ width: '100%', height }} opts={{ renderer: 'canvas' }} />
    </div>
  );
}

export function StatusPie({ rows, statuses }: { rows: BatchBoard['byStatus']; statuses: readonly Code[] | undefined }) {
  const data = rows.filter((r) => r.count > 0).map((r) => ({ name: labelOf(statuses, r.status), value: r.count, itemStyle: { color: STATUS_CHART_COLORS[r.status] } }));
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ name: '状态', type: 'pie', radius: ['35%', '62%'], center: ['50%', '44%'], data, label: { formatter: '{b} {c}', fontSize: 11 } }],
  };
  return <Chart option={option} height={280} label="问题按状态分布饼图" testId="status-pie" />;
}

export function CategoryBar({ rows }: { rows: BatchBoard['byCategory'] }) {
  const shown = [...rows].reverse();
  const option = {
    color: ['#c8161d'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { fontSize: 11, width: 110, overflow: 'truncate' } },
    series: [{ name: '问题数', type: 'bar', barMaxWidth: 18, data: shown.map((r) => r.count), label: { show: true, position: 'right', fontSize: 11 } }],
  };
  return <Chart option={option} height={Math.max(160, shown.length * 30 + 40)} label="问题按类别分布条形图" testId="category-bar" />;
}

/** 共性问题: categories found in two or more organizations, the number of organizations and of problems. */
export function CommonProblemsChart({ items }: { items: readonly CommonProblem[] }) {
  const shown = [...items].reverse();
  const option = {
    color: ['#c8161d', '#f5a623'],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const r = shown[params[0]?.dataIndex ?? -1];
        if (!r) return '';
        return `${r.label}<br/>涉及 ${r.orgCount} 个组织，共 ${r.problemCount} 个问题<br/>${r.orgNames.join('、')}${r.orgCount > r.orgNames.length ? ' 等' : ''}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { fontSize: 11, width: 110, overflow: 'truncate' } },
    series: [
      { name: '涉及组织数', type: 'bar', barMaxWidth: 14, data: shown.map((r) => r.orgCount), label: { show: true, position: 'right', fontSize: 11 } },
      { name: '问题数', type: 'bar', barMaxWidth: 14, data: shown.map((r) => r.problemCount), label: { show: true, position: 'right', fontSize: 11 } },
    ],
  };
  return <Chart option={option} height={Math.max(180, shown.length * 44 + 60)} label="共性问题条形图" testId="common-chart" />;
}

export function TrendChart({ items }: { items: readonly TrendPoint[] }) {
  const option = {
    color: ['#52c41a', '#1677ff'],
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const t = items[params[0]?.dataIndex ?? -1];
        if (!t) return '';
        const pct = (r: number | null) => (r === null ? '—' : `${ratePercent(r)}%`);
        return `${t.name}（${t.issuedOn}）<br/>问题 ${t.total} 个<br/>销号率 ${pct(t.closureRate)}<br/>按期销号率 ${pct(t.onTimeRate)}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: items.map((t) => t.issuedOn.slice(0, 7)), axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: '销号率', type: 'line', data: items.map((t) => ratePercent(t.closureRate)), connectNulls: false, symbolSize: 6 },
      { name: '按期销号率', type: 'line', data: items.map((t) => ratePercent(t.onTimeRate)), connectNulls: false, symbolSize: 6 },
    ],
  };
  return <Chart option={option} height={280} label="各批次销号率趋势折线图" testId="trend-chart" />;
}
