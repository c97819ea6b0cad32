import { Alert, Typography } from 'antd';

/** A one-time initial password: shown once, with a copy button. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title="初始密码只显示这一次"
        description="请立即复制并通过安全渠道交给本人。关闭此窗口后将无法再次查看；用户首次登录时须修改密码。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>
        用户名：<Typography.Text strong>{username}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        初始密码：
        <Typography.Text
          code
          copyable={{ text: password, tooltips: ['复制', '已复制'] }}
          data-testid="initial-password"
          style={{ fontSize: 16 }}
        >
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </>
  );
}
