import { Card, Col, Descriptions, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { MemberDetail } from '../../api/types';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { fetchOrg, orgKeys } from '../../shared/orgApi';
import { MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { activeGrant } from '../../app/access';

/** Home page of an ordinary member: own record and own branch basics. */
export function MemberHome() {
  const me = useMe();
  const codes = useCodeTables().data;
  const member = useQuery({ queryKey: ['me', 'member'], queryFn: () => api.get<MemberDetail>('/me/member') });
  const orgId = member.data?.orgId ?? activeGrant(me)?.orgId ?? null;
  const org = useQuery({
    queryKey: orgKeys.detail(orgId ?? 0),
    queryFn: () => fetchOrg(orgId ?? 0),
    enabled: orgId !== null,
  });
  const m = member.data;
  const o = org.data;
  const noRecord = member.error instanceof ApiError && member.error.status === 404;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>首页</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="我的信息">
            {member.isPending ? <Skeleton active /> : null}
            {noRecord ? <Empty description="未找到与您账号关联的党员信息，请联系所在支部核实。" /> : null}
            {member.isError && !noRecord ? <ErrorAlert error={member.error} onRetry={() => void member.refetch()} /> : null}
            {m ? (
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  { key: 'name', label: '姓名', children: m.name },
                  { key: 'gender', label: '性别', children: labelOf(codes?.genders, m.gender) },
                  { key: 'ethnicity', label: '民族', children: m.ethnicity ?? '—' },
                  { key: 'birthDate', label: '出生日期', children: formatDate(m.birthDate) },
                  { key: 'education', label: '学历', children: m.education ?? '—' },
                  { key: 'category', label: '党员类别', children: labelOf(codes?.memberCategories, m.category) },
                  { key: 'joinedOn', label: '入党日期', children: formatDate(m.joinedOn) },
                  { key: 'fullMemberOn', label: '转正日期', children: formatDate(m.fullMemberOn) },
                  {
                    key: 'status',
                    label: '党籍状态',
                    children: <Tag color={statusColor(MEMBER_STATUS_COLORS, m.status)}>{labelOf(codes?.memberStatuses, m.status)}</Tag>,
                  },
                  { key: 'position', label: '职务', children: m.position ?? '—' },
                  { key: 'org', label: '所在组织', children: m.orgPath.map((p) => p.name).join(' / ') || m.orgName, span: 'filled' },
                ]}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="所在支部">
            {orgId === null ? <Empty description="当前角色未关联组织" /> : null}
            {org.isPending && orgId !== null ? <Skeleton active /> : null}
            {org.isError ? <ErrorAlert error={org.error} onRetry={() => void org.refetch()} /> : null}
            {o ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'name', label: '组织名称', children: o.name },
                  { key: 'type', label: '组织类型', children: o.typeLabel },
                  ...(o.ancestors.length > 0
                    ? [{ key: 'parent', label: '上级组织', children: o.ancestors.map((a) => a.name).join(' / ') }]
                    : []),
                  { key: 'members', label: '党员人数', children: `${o.memberCount} 名` },
                  { key: 'children', label: '下级组织', children: `${o.childCount} 个` },
                ]}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
