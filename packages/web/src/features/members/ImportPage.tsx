import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Progress, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { XLSX_CONTENT_TYPE } from '../../api/client';
import type { ImportJob, ImportMode, ImportRowError } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useCompact } from '../../shared/useCompact';
import { fetchImportJob, importKeys, startImport } from './importApi';
import { errorsCsv, errorsCsvFileName, importStage, importStepIndex, isRunning, isXlsxFileName, moreErrorsNote, progressPercent } from './importWizard';
import { IMPORT_TEMPLATE_URL, invalidateMemberLists } from './memberApi';

/** Saves text as a file (the error list, made here from what the job answered). */
function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A job, polled every second while it runs. */
function useImportJob(id: number | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? 0),
    queryFn: () => fetchImportJob(id ?? 0),
    enabled: id !== null,
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

function JobProgress({ job, title }: { job: ImportJob | undefined; title: string }) {
  return (
    <div data-testid="import-progress" style={{ padding: '24px 0' }}>
      <Typography.Paragraph>{title}</Typography.Paragraph>
      <Progress percent={progressPercent(job)} status="active" />
      <Typography.Text type="secondary">
        {job && job.totalRows > 0 ? `已处理 ${job.processedRows} / ${job.totalRows} 行` : '正在读取文件…'}
      </Typography.Text>
    </div>
  );
}

/**
 * 批量导入党员: 1 choose the org and the .xlsx → 2 a dry run lists every wrong cell by row and column, or says all rows
 * pass → 3 commit the same file → done. All or nothing: a file with any error writes no row.
 */
export function ImportPage() {
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const compact = useCompact();
  const initialOrg = Number(sp.get('orgId'));
  const [orgId, setOrgId] = useState<number | undefined>(Number.isInteger(initialOrg) && initialOrg > 0 ? initialOrg : undefined);
  const [orgName, setOrgName] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [validationId, setValidationId] = useState<number | null>(null);
  const [commitId, setCommitId] = useState<number | null>(null);
  const validation = useImportJob(validationId);
  const commit = useImportJob(commitId);

  const start = useMutation({
    mutationFn: ({ mode }: { mode: ImportMode }) => {
      if (!file || !orgId) throw new Error('请先选择组织和文件');
      return startImport(orgId, mode, file, file.name);
    },
    onSuccess: (job, { mode }) => {
      queryClient.setQueryData(importKeys.job(job.id), job);
      if (mode === 'validate') setValidationId(job.id);
      else setCommitId(job.id);
    },
  });

  const stage = importStage(validation.data, commit.data);
  const step = importStepIndex(stage, commit.data !== undefined);
  const report = commit.data?.status === 'invalid' ? commit.data : validation.data;
  const pollError = validation.error ?? commit.error;

  const restart = () => {
    setFile(null);
    setValidationId(null);
    setCommitId(null);
    start.reset();
  };

  // Once committed, every member list and count is read again.
  const committedJobId = commit.data?.status === 'committed' ? commit.data.id : null;
  useEffect(() => {
    if (committedJobId !== null) void invalidateMemberLists(queryClient);
  }, [committedJobId, queryClient]);

  return (
    <>
      <div className="page-header">
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(orgId ? `/members?orgId=${orgId}` : '/members')}>
            返回名册
          </Button>
          <Typography.Title level={3}>批量导入党员</Typography.Title>
        </Space>
        <Button icon={<FileExcelOutlined />} href={IMPORT_TEMPLATE_URL} download data-testid="import-template">
          下载导入模板
        </Button>
      </div>
      <Card>
        <Steps
          current={step}
          responsive={false}
          titlePlacement={compact ? 'vertical' : 'horizontal'}
          size="small"
          style={{ marginBottom: 24 }}
          items={[{ title: '选择文件' }, { title: '校验' }, { title: '确认导入' }, { title: '完成' }]}
        />
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="导入是“全部或全不”的：文件中任何一行有错误，则一行都不写入。请按模板填写，校验通过后再确认导入。"
        />
        {start.isError ? <ErrorAlert error={start.error} /> : null}
        {pollError ? <ErrorAlert error={pollError} title="未能取得导入进度" /> : null}

        {stage === 'choose' ? (
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label="导入到的党组织" required extra="导入的党员都将编入此党组织">
              <OrgTreeSelect
                aria-label="导入到的党组织"
                data-testid="import-org"
                value={orgId}
                onChange={(id, org) => {
                  setOrgId(id);
                  setOrgName(org?.name ?? null);
                }}
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item label="Excel 文件（.xlsx）" required>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                data-testid="import-file"
                fileList={file ? [{ uid: 'import-file', name: file.name, status: 'done', size: file.size, type: XLSX_CONTENT_TYPE }] : []}
                beforeUpload={(f) => {
                  if (!isXlsxFileName(f.name)) {
                    void message.error('请选择 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）');
                    return Upload.LIST_IGNORE;
                  }
                  setFile(f);
                  // Kept here: sent when the user starts the check.
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  return true;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击或将文件拖到此处</p>
                <p className="ant-upload-hint">只接受按导入模板填写的 .xlsx 文件</p>
              </Upload.Dragger>
            </Form.Item>
            <Button type="primary" disabled={!file || !orgId} loading={start.isPending} onClick={() => start.mutate({ mode: 'validate' })} data-testid="import-validate">
              开始校验
            </Button>
          </Form>
        ) : null}

        {stage === 'validating' ? <JobProgress job={validation.data} title={`正在校验 ${file?.name ?? ''}（只检查，不写入）…`} /> : null}

        {stage === 'invalid' && report ? (
          <div data-testid="import-invalid">
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={`共 ${report.totalRows} 行，发现 ${report.errorCount} 处错误，未写入任何数据`}
              description={[report.message, moreErrorsNote(report)].filter(Boolean).join(' ') || '请按下表改正 Excel 文件中的对应单元格，然后重新上传校验。'}
            />
            <Space wrap style={{ marginBottom: 12 }}>
              <Button type="primary" icon={<ReloadOutlined />} onClick={restart} data-testid="import-restart">
                重新选择文件
              </Button>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => downloadText(errorsCsv(report.errors), errorsCsvFileName(report.fileName || file?.name || ''), 'text/csv;charset=utf-8')}
              >
                导出错误清单
              </Button>
            </Space>
            <Table<ImportRowError>
              size="small"
              data-testid="import-errors"
              rowKey={(e) => `${e.row}-${e.column}-${e.field}-${e.message}`}
              dataSource={report.errors}
              pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (t) => `列出 ${t} 处` }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 72 },
                { title: '列', dataIndex: 'column', width: 72 },
                { title: '字段', dataIndex: 'field' },
                { title: '错误说明', dataIndex: 'message' },
              ]}
            />
          </div>
        ) : null}

        {stage === 'valid' && validation.data ? (
          <Result
            status="success"
            title={<span data-testid="import-valid">共 {validation.data.totalRows} 行，全部通过校验</span>}
            subTitle={`确认后将把这 ${validation.data.totalRows} 名党员导入${orgName ? `“${orgName}”` : '所选党组织'}。`}
            extra={
              <Space wrap>
                <Button onClick={restart}>重新选择文件</Button>
                <Button type="primary" loading={start.isPending} onClick={() => start.mutate({ mode: 'commit' })} data-testid="import-commit">
                  确认导入
                </Button>
              </Space>
            }
          />
        ) : null}

        {stage === 'committing' ? <JobProgress job={commit.data} title="正在导入…" /> : null}

        {stage === 'committed' && commit.data ? (
          <Result
            status="success"
            title={<span data-testid="import-done">已导入 {commit.data.insertedRows} 名党员</span>}
            extra={
              <Space wrap>
                <Button onClick={restart}>继续导入</Button>
                <Link to={`/members?orgId=${commit.data.orgId}`}>
                  <Button type="primary" data-testid="import-to-list">
                    在党员名册中查看
                  </Button>
                </Link>
              </Space>
            }
          />
        ) : null}

        {stage === 'failed' ? (
          <Result
            status="error"
            title="导入未能完成，未写入任何数据"
            subTitle={(commit.data ?? validation.data)?.message ?? '请检查文件是否按模板填写，稍后重试。'}
            extra={
              <Button type="primary" onClick={restart}>
                重新选择文件
              </Button>
            }
          />
        ) : null}

        {isRunning(validation.data) || isRunning(commit.data) ? (
          <Typography.Text type="secondary">可以留在此页等待；离开此页不会中断导入。</Typography.Text>
        ) : null}
      </Card>
    </>
  );
}
