// ECharts of compliance, tree-shaken like the home page's: the green-rate trend (line), child units ranked by
// green rate (bar), a branch's activity days (calendar heatmap).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { CalendarComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { labelOf, type Code } from '../../shared/codeTables';
import { calendarData, formatRate, ratePercent, shortMonthLabel } from './compliance';
import type { BranchCalendar, ComplianceOverview, GreenRate } from './complianceApi';

echarts.use([LineChart, BarChart, HeatmapChart, CalendarComponent, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const GREEN = '#389e0d';

interface TooltipParam {
  dataIndex: number;
}

/** 绿灯率 of the last 12 months. */
export function GreenRateTrendChart({ trend, height = 260 }: { trend: ComplianceOverview['trend']; height?: number }) {
  const lastYear = Number(trend.at(-1)?.month.slice(0, 4));
  const option = {
    color: [GREEN],
    tooltip: {
      trigger: 'axis',
      formatter: (params: TooltipParam[]) => {
        const p = params[0];
        const t = p ? trend[p.dataIndex] : undefined;
        if (!t) return '';
        return `${t.month}<br/>绿灯率 ${formatRate(t.greenRate)}<br/>绿灯 ${t.green}，黄灯 ${t.yellow}，红灯 ${t.red}（共 ${t.branches} 个支部）`;
      },
    },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.map((t) => shortMonthLabel(t.month, lastYear)), axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '绿灯率',
        type: 'line',
        data: trend.map((t) => ratePercent(t.greenRate)),
        connectNulls: false,
        symbolSize: 6,
        areaStyle: { opacity: 0.08 },
        label: { show: trend.length <= 6, position: 'top', formatter: '{c}%', fontSize: 11 },
      },
    ],
  };
  return (
    <div role="img" aria-label="近 12 个月绿灯率趋势折线图" data-testid="green-rate-trend">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ width: '100%', height }} opts={{ renderer: 'canvas' }} />
    </div>
  );
}

type ChildRow = GreenRate & { id: number; name: string };

/** Child units ranked by green rate (the server's order, highest first); a click opens the child. */
export function ChildrenRankingChart({ rows, onPick }: { rows: readonly ChildRow[]; onPick?: (id: number) => void }) {
  // Highest at the top: a horizontal bar chart lists categories from the bottom.
  const shown = [...rows].reverse();
  const option = {
    color: [GREEN],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipParam[]) => {
        const p = params[0];
        const r = p ? shown[p.dataIndex] : undefined;
        if (!r) return '';
        return `${r.name}<br/>绿灯率 ${formatRate(r.greenRate)}（绿灯 ${r.green} / 共 ${r.branches} 个支部）`;
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%', hideOverlap: true } },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.name),
      axisLabel: { fontSize: 11, width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: '绿灯率',
        type: 'bar',
        barMaxWidth: 18,
        data: shown.map((r) => ratePercent(r.greenRate)),
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
        cursor: onPick ? 'pointer' : 'default',
      },
    ],
  };
  const height = Math.max(160, shown.length * 28 + 40);
  return (
    <div role="img" aria-label="下级单位绿灯率排行条形图" data-testid="children-ranking-chart">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ width: '100%', height }}
        opts={{ renderer: 'canvas' }}
        onEvents={
          onPick
            ? {
                click: (e: { dataIndex: number }) => {
                  const row = shown[e.dataIndex];
                  if (row) onPick(row.id);
                },
              }
            : undefined
        }
      />
    </div>
  );
}

/** The days of a year with activities, darker for more; vertical (weeks downwards) on a phone. */
export function ActivityCalendarChart({
  calendar,
  activityTypes,
  vertical,
}: {
  calendar: BranchCalendar;
  activityTypes: readonly Code[] | undefined;
  vertical: boolean;
}) {
  const { data, max } = calendarData(calendar);
  const byDate = new Map(calendar.days.map((d) => [d.date, d]));
  const option = {
    tooltip: {
      formatter: (p: { value: [string, number] }) => {
        const day = byDate.get(p.value[0]);
        const types = day ? day.types.map((t) => labelOf(activityTypes, t)).join('、') : '';
        return `${p.value[0]}<br/>${p.value[1]} 次活动${types ? `：${types}` : ''}`;
      },
    },
    visualMap: {
      min: 0,
      max,
      show: false,
      inRange: { color: ['#ffe7e6', '#c8161d'] },
    },
    calendar: {
      range: String(calendar.year),
      orient: vertical ? 'vertical' : 'horizontal',
      left: vertical ? 40 : 36,
      right: vertical ? 8 : 8,
      top: vertical ? 40 : 30,
      bottom: 8,
      cellSize: vertical ? ['auto', 13] : ['auto', 'auto'],
      splitLine: { lineStyle: { color: '#8c8c8c', width: 1 } },
      itemStyle: { borderColor: '#fff', borderWidth: 1, color: '#f5f5f5' },
      dayLabel: { nameMap: 'ZH', firstDay: 1, fontSize: 10 },
      monthLabel: { nameMap: 'ZH', fontSize: 10 },
      yearLabel: { show: false },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data }],
  };
  const height = vertical ? 53 * 13 + 56 : 170;
  return (
    <div role="img" aria-label={`${calendar.year}年组织生活日历热力图`} data-testid="activity-calendar">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ width: '100%', height }} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
