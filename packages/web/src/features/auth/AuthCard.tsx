import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/** Centered card on a plain background, used by the login and change-password pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-brand">
        <span className="auth-emblem" aria-hidden="true">
          党
        </span>
        <Typography.Title level={3} style={{ margin: 0, color: '#fff' }}>
          机关党建智慧平台
        </Typography.Title>
      </div>
      <Card className="auth-card" title={title}>
        {children}
      </Card>
    </div>
  );
}
