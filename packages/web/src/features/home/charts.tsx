// ECharts, tree-shaken: only the bar and pie charts and the components they use are bundled.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { LabelCount } from '../../api/types';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const PALETTE = ['#c8161d', '#f5a623', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

interface ChartProps {
  data: LabelCount[];
  ariaLabel: string;
  seriesName: string;
}

export function BarChartView({ data, ariaLabel, seriesName, color = '#c8161d' }: ChartProps & { color?: string }) {
  const option = {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.label),
      // Every label is shown; long lists are slanted rather than thinned out.
      axisLabel: { interval: 0, fontSize: 11, rotate: data.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 36,
        data: data.map((d) => d.count),
        label: { show: true, position: 'top', fontSize: 11 },
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge className="chart-box" opts={{ renderer: 'canvas' }} />
    </div>
  );
}

export function PieChartView({ data, ariaLabel, seriesName }: ChartProps) {
  const option = {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['30%', '68%'],
        center: ['50%', '45%'],
        data: data.map((d) => ({ name: d.label, value: d.count })),
        // Inside the ring, so that nothing is cut off on a narrow phone; names are in the legend. Slices too thin
        // for their label (under 12°) leave it to the tooltip rather than overlap their neighbours.
        label: { position: 'inside', formatter: '{d}%', color: '#fff', fontSize: 12 },
        minShowLabelAngle: 12,
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge className="chart-box" opts={{ renderer: 'canvas' }} />
    </div>
  );
}
