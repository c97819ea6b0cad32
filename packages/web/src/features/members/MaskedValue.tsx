import { useEffect, useState } from 'react';
import { App, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { UnmaskField } from '../../api/types';
import { errorMessage } from '../../shared/errors';
import { unmaskMember } from './memberApi';

/** How long a full number stays shown before it is masked again. */
export const UNMASK_SECONDS = 30;

const FIELD_NAMES: Record<UnmaskField, string> = { idNumber: '公民身份号码', phone: '联系电话' };

interface MaskedValueProps {
  memberId: number;
  field: UnmaskField;
  masked: string | null;
  /** Permission member:unmask: only then is 「显示」 offered. */
  canUnmask: boolean;
}

/**
 * A masked ID number or phone; with permission member:unmask, 「显示」 asks the server for the full value after a
 * confirmation that the view is recorded in the audit log, and masks it again after 30 seconds.
 */
export function MaskedValue({ memberId, field, masked, canUnmask }: MaskedValueProps) {
  const { modal, message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const unmask = useMutation({
    mutationFn: () => unmaskMember(memberId, field),
    onSuccess: (r) => setFull(r.value ?? ''),
    onError: (error) => void message.error(errorMessage(error)),
  });

  useEffect(() => {
    if (full === null) return;
    const timer = setTimeout(() => setFull(null), UNMASK_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [full]);

  if (!masked) return <span>—</span>;
  const name = FIELD_NAMES[field];
  return (
    <Space size={8} wrap>
      <Typography.Text data-testid={`${field}-value`} copyable={full ? { text: full } : false} style={{ fontFamily: 'monospace' }}>
        {full ?? masked}
      </Typography.Text>
      {canUnmask ? (
        full === null ? (
          <Typography.Link
            data-testid={`${field}-unmask`}
            disabled={unmask.isPending}
            onClick={() =>
              modal.confirm({
                title: `显示完整${name}？`,
                content: `本次查看将记入审计日志（查看人、时间、党员）。完整号码显示 ${UNMASK_SECONDS} 秒后自动隐藏。`,
                okText: '显示',
                cancelText: '取消',
                onOk: () => unmask.mutateAsync().catch(() => undefined),
              })
            }
          >
            <EyeOutlined /> 显示
          </Typography.Link>
        ) : (
          <Typography.Link onClick={() => setFull(null)} data-testid={`${field}-mask`}>
            <EyeInvisibleOutlined /> 隐藏
          </Typography.Link>
        )
      ) : null}
    </Space>
  );
}
