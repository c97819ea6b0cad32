import { Badge } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { correctionKeys, fetchCorrections } from './correctionApi';

/** How many correction requests wait for an answer (on the menu entry and the inbox's title); nothing when none or unknown. */
export function OpenCorrectionsBadge() {
  const open = useQuery({
    queryKey: correctionKeys.openCount(),
    queryFn: () => fetchCorrections({ status: 'open', page: 1, pageSize: 1 }),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
    retry: false,
  });
  const count = open.data?.total ?? 0;
  return count > 0 ? <Badge count={count} size="small" style={{ marginInlineStart: 6 }} data-testid="corrections-badge" /> : null;
}
