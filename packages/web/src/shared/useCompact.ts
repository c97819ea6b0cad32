import { Grid } from 'antd';

/** Phone width (below antd's md breakpoint, 768px): tables give way to lists. */
export function useCompact(): boolean {
  return Grid.useBreakpoint().md === false;
}
