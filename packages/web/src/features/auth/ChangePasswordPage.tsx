import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { AuthCard } from './AuthCard';
import { dropSession, storeMe, useAuthState } from './auth';
import { checkPassword } from './passwordPolicy';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const auth = useAuthState();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const change = useMutation({
    mutationFn: (values: PasswordForm) =>
      api.post<Me>('/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (me) => {
      storeMe(queryClient, me);
      void message.success('密码已修改');
      void navigate('/', { replace: true });
    },
  });

  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      dropSession(queryClient, false);
      void navigate('/login', { replace: true });
    },
  });

  if (auth.isPending) return null;
  if (auth.data?.status !== 'authenticated') return <Navigate to="/login" replace />;
  const forced = auth.data.me.user.mustChangePassword;

  return (
    <AuthCard title="修改密码">
      {forced ? (
        <Alert type="info" showIcon title="首次登录或密码已被重置，请先设置新密码后再使用系统。" style={{ marginBottom: 16 }} />
      ) : null}
      {change.isError ? <ErrorAlert error={change.error} /> : null}
      <Form<PasswordForm> name="changePassword" form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ul className="policy-list" aria-label="密码要求">
          {checkPassword(newPassword).map((c) => (
            <li key={c.key}>
              {c.ok ? (
                <CheckCircleFilled style={{ color: '#389e0d' }} />
              ) : (
                <CloseCircleOutlined style={{ color: '#8c8c8c' }} />
              )}{' '}
              <Typography.Text type={c.ok ? 'success' : 'secondary'}>{c.label}</Typography.Text>
            </li>
          ))}
        </ul>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          {forced ? (
            <Button onClick={() => logout.mutate()} loading={logout.isPending}>
              退出登录
            </Button>
          ) : (
            <Button onClick={() => void navigate(-1)}>返回</Button>
          )}
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
