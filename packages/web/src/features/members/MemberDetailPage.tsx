import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { canWriteMembers } from '../../app/access';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { ageOn, formatDate } from '../../shared/format';
import { MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { fetchMember, memberKeys, updateMemberPosition } from './memberApi';

export function MemberDetailPage() {
  const me = useMe();
  const codes = useCodeTables().data;
  const { id } = useParams();
  const memberId = Number(id);
  const valid = Number.isInteger(memberId) && memberId > 0;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [position, setPosition] = useState('');
  const member = useQuery({ queryKey: memberKeys.detail(memberId), queryFn: () => fetchMember(memberId), enabled: valid });
  const save = useMutation({
    mutationFn: (value: string | null) => updateMemberPosition(memberId, value),
    onSuccess: (m) => {
      queryClient.setQueryData(memberKeys.detail(memberId), m);
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] });
      setEditing(false);
      void message.success('职务已保存');
    },
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
      返回
    </Button>
  );

  if (!valid || (member.error instanceof ApiError && member.error.status === 404)) {
    return <Result status="404" title="未找到该党员" subTitle="该党员记录不存在，或不在您的管理范围内。" extra={back} />;
  }
  const m = member.data;

  return (
    <>
      <div className="page-header">
        <Space wrap>
          {back}
          <Typography.Title level={3}>{m ? m.name : '党员信息'}</Typography.Title>
        </Space>
      </div>
      {member.isError ? <ErrorAlert error={member.error} onRetry={() => void member.refetch()} /> : null}
      <Card>
        {member.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
        {m ? (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'name', label: '姓名', children: m.name },
              { key: 'gender', label: '性别', children: labelOf(codes?.genders, m.gender) },
              { key: 'ethnicity', label: '民族', children: m.ethnicity ?? '—' },
              {
                key: 'birthDate',
                label: '出生日期',
                children: ageOn(m.birthDate) === null ? formatDate(m.birthDate) : `${formatDate(m.birthDate)}（${ageOn(m.birthDate)}岁）`,
              },
              { key: 'education', label: '学历', children: m.education ?? '—' },
              {
                key: 'category',
                label: '党员类别',
                children: <Tag color={m.category === 'full' ? 'red' : 'gold'}>{labelOf(codes?.memberCategories, m.category)}</Tag>,
              },
              { key: 'joinedOn', label: '入党日期', children: formatDate(m.joinedOn) },
              { key: 'fullMemberOn', label: '转正日期', children: formatDate(m.fullMemberOn) },
              {
                key: 'status',
                label: '党籍状态',
                children: <Tag color={statusColor(MEMBER_STATUS_COLORS, m.status)}>{labelOf(codes?.memberStatuses, m.status)}</Tag>,
              },
              {
                key: 'org',
                label: '所在组织',
                children: (
                  <span>
                    {(m.orgPath.length > 0 ? m.orgPath : [{ id: m.orgId, name: m.orgName }]).map((o, i) => (
                      <span key={o.id}>
                        {i > 0 ? ' / ' : ''}
                        <Link to={`/orgs?id=${o.id}`}>{o.name}</Link>
                      </span>
                    ))}
                  </span>
                ),
              },
              {
                key: 'position',
                label: '职务',
                span: 'filled',
                children: editing ? (
                  <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
                    <Input
                      aria-label="职务"
                      value={position}
                      maxLength={50}
                      placeholder="留空表示无"
                      onChange={(e) => setPosition(e.target.value)}
                      onPressEnter={() => save.mutate(position.trim() || null)}
                    />
                    <Button type="primary" loading={save.isPending} onClick={() => save.mutate(position.trim() || null)}>
                      保存
                    </Button>
                    <Button
                      onClick={() => {
                        setEditing(false);
                        save.reset();
                      }}
                    >
                      取消
                    </Button>
                  </Space.Compact>
                ) : (
                  <Space>
                    <span>{m.position ?? '—'}</span>
                    {canWriteMembers(me.permissions) ? (
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        onClick={() => {
                          setPosition(m.position ?? '');
                          setEditing(true);
                        }}
                      >
                        编辑
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        ) : null}
        {save.isError ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={save.error} />
          </div>
        ) : null}
      </Card>
    </>
  );
}
