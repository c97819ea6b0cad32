import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { AuthCard } from './AuthCard';
import { storeMe, useAuthState } from './auth';

interface LoginForm {
  username: string;
  password: string;
}

export interface LoginLocationState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const auth = useAuthState();
  const [touched, setTouched] = useState(false);

  const login = useMutation({
    mutationFn: (values: LoginForm) => api.post<Me>('/auth/login', values),
    onSuccess: (me) => {
      storeMe(queryClient, me);
      const target = me.user.mustChangePassword ? '/change-password' : safeFrom(state.from);
      void navigate(target, { replace: true });
    },
  });

  if (auth.data?.status === 'authenticated' && !login.isPending && !login.isSuccess) {
    return <Navigate to={auth.data.me.user.mustChangePassword ? '/change-password' : '/'} replace />;
  }

  const expired = !touched && (state.expired || (auth.data?.status === 'anonymous' && auth.data.expired));

  return (
    <AuthCard title="用户登录">
      {expired ? <Alert type="warning" showIcon title="会话已超时，请重新登录" style={{ marginBottom: 16 }} /> : null}
      {login.isError ? <ErrorAlert error={login.error} /> : null}
      <Form<LoginForm>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setTouched(true);
          login.mutate(values);
        }}
        autoComplete="on"
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}

/** Only same-app paths are followed after login. */
function safeFrom(from: string | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}
