import {
  BarChart,
  EffectScatterChart,
  LineChart,
  LinesChart,
  MapChart,
  PieChart,
  ScatterChart,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  EffectScatterChart,
  LineChart,
  LinesChart,
  MapChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  height?: number | string;
  /** GeoJSON maps this chart needs, registered before the option is set */
  maps?: Record<string, object>;
  onClick?: (params: { data?: unknown; name?: string; seriesType?: string }) => void;
  testId?: string;
}

/** A thin ECharts wrapper: one instance per element, resized with its container. */
export function EChart({ option, height = 320, maps, onClick, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    for (const [name, geo] of Object.entries(maps ?? {})) echarts.registerMap(name, geo as never);
    chart.current?.setOption(option, true);
  }, [option, maps]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick as never);
    return () => {
      instance.off('click', onClick as never);
    };
  }, [onClick]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
