import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../auth/auth';
import { activeGrant, canAccess, type AccessRule } from '../../app/access';

interface Shortcut {
  path: string;
  title: string;
  description: string;
  access: AccessRule;
}

const SHORTCUTS: Shortcut[] = [
  { path: '/admin/accounts', title: '账号管理', description: '创建账号、停用/启用、重置密码、解除锁定。', access: { anyOf: ['account:manage', 'account:read'] } },
  { path: '/admin/grants', title: '角色授权', description: '为账号授予或收回角色与管理范围。', access: { anyOf: ['grant:manage'] } },
  { path: '/audit', title: '审计日志', description: '查询操作记录，校验日志完整性。', access: { anyOf: ['audit:read'] } },
  { path: '/admin/settings', title: '安全设置', description: '查看口令、锁定、会话等安全参数及其依据。', access: { anyOf: ['settings:read'] } },
  { path: '/orgs', title: '组织架构', description: '查看组织树，为授权选择管理范围。', access: { anyOf: ['org:read'] } },
];

/** Home page of platform administrators (三员): they hold no business data, so it points to their pages. */
export function PlatformHome() {
  const me = useMe();
  const grant = activeGrant(me);
  const shortcuts = SHORTCUTS.filter((s) => canAccess(s.access, me.permissions));
  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>首页</Typography.Title>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          您好，{me.user.displayName}。当前角色为<Typography.Text strong>{grant ? grant.roleLabel : '（未分配角色）'}</Typography.Text>
          {grant ? '，按照“三员分立”要求，平台管理角色不接触党员业务数据。' : '，请联系安全管理员为您授权。'}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        {shortcuts.map((s) => (
          <Col xs={24} sm={12} lg={8} key={s.path}>
            <Link to={s.path}>
              <Card hoverable title={s.title}>
                <Typography.Text type="secondary">{s.description}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
