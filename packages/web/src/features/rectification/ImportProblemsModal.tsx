import { useState } from 'react';
import { Alert, App, Button, Modal, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useCompact } from '../../shared/useCompact';
import { isXlsxFileName } from '../members/importWizard';
import { problemImportStage, problemImportStep } from './rectification';
import { afterRectificationChange, importProblems, importTemplateUrl, type BatchSummary, type ImportResult } from './rectificationApi';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * 导入问题清单: download the template → choose the .xlsx → a dry run lists every error by row and column → commit.
 * All or nothing: a file with any error writes no problem.
 */
export function ImportProblemsModal({ batch, open, onClose }: { batch: BatchSummary; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const compact = useCompact();
  const [file, setFile] = useState<File | null>(null);
  const [validation, setValidation] = useState<ImportResult | undefined>();
  const [commit, setCommit] = useState<ImportResult | undefined>();
  const run = useMutation({
    mutationFn: (mode: 'validate' | 'commit') => {
      if (!file) throw new Error('请先选择文件');
      return importProblems(batch.id, mode, file);
    },
    onSuccess: async (result, mode) => {
      if (mode === 'validate') setValidation(result);
      else {
        setCommit(result);
        if (result.created > 0) await afterRectificationChange(queryClient);
      }
    },
  });
  const restart = () => {
    setFile(null);
    setValidation(undefined);
    setCommit(undefined);
    run.reset();
  };

  const stage = problemImportStage(validation, commit);
  const report = commit && stage === 'invalid' ? commit : validation;

  return (
    <Modal
      title="导入问题清单"
      open={open}
      onCancel={onClose}
      footer={null}
      width={760}
      afterOpenChange={(opened) => {
        if (!opened) restart();
      }}
    >
      <Steps
        current={problemImportStep(stage)}
        responsive={false}
        titlePlacement={compact ? 'vertical' : 'horizontal'}
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '校验' }, { title: '确认导入' }, { title: '完成' }]}
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="导入是“全部或全不”的：任何一行有错误，则一个问题都不写入。请先下载模板，按模板填写后上传校验。" />
      {run.isError ? <ErrorAlert error={run.error} /> : null}

      {stage === 'choose' ? (
        <>
          <Button icon={<FileExcelOutlined />} href={importTemplateUrl(batch.id)} download style={{ marginBottom: 12 }} data-testid="problem-import-template">
            下载导入模板
          </Button>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            data-testid="problem-import-file"
            fileList={file ? [{ uid: 'problem-import', name: file.name, status: 'done', size: file.size }] : []}
            beforeUpload={(f) => {
              if (!isXlsxFileName(f.name)) {
                void message.error('请选择 .xlsx 格式的 Excel 文件');
                return Upload.LIST_IGNORE;
              }
              if (f.size > MAX_IMPORT_BYTES) {
                void message.error('文件不能超过 5 MB');
                return Upload.LIST_IGNORE;
              }
              setFile(f);
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
            <p className="ant-upload-hint">只接受按导入模板填写的 .xlsx 文件（不超过 5 MB）</p>
          </Upload.Dragger>
          <Button type="primary" style={{ marginTop: 12 }} disabled={!file} loading={run.isPending} onClick={() => run.mutate('validate')} data-testid="problem-import-validate">
            开始校验
          </Button>
        </>
      ) : null}

      {stage === 'invalid' && report ? (
        <div data-testid="problem-import-invalid">
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`共 ${report.rows} 行，发现 ${report.errors.length} 处错误，未写入任何问题`} description="请按下表改正 Excel 文件中的对应单元格，然后重新上传校验。" />
          <Button type="primary" icon={<ReloadOutlined />} onClick={restart} style={{ marginBottom: 12 }}>
            重新选择文件
          </Button>
          <Table
            size="small"
            data-testid="problem-import-errors"
            rowKey={(e) => `${e.row}-${e.column}-${e.field}-${e.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (t) => `列出 ${t} 处` }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '列', dataIndex: 'column', width: 56 },
              { title: '字段', dataIndex: 'field' },
              { title: '错误说明', dataIndex: 'message', render: (m: string) => <div style={{ minWidth: 180, whiteSpace: 'normal' }}>{m}</div> },
            ]}
          />
        </div>
      ) : null}

      {stage === 'valid' && validation ? (
        <Result
          status="success"
          title={<span data-testid="problem-import-valid">共 {validation.rows} 行，全部通过校验</span>}
          subTitle={`确认后将在“${batch.name}”中下发这 ${validation.rows} 个问题。`}
          extra={
            <Space wrap>
              <Button onClick={restart}>重新选择文件</Button>
              <Button type="primary" loading={run.isPending} onClick={() => run.mutate('commit')} data-testid="problem-import-commit">
                确认导入
              </Button>
            </Space>
          }
        />
      ) : null}

      {stage === 'committed' && commit ? (
        <Result
          status="success"
          title={<span data-testid="problem-import-done">已下发 {commit.created} 个问题</span>}
          extra={
            <Space wrap>
              <Button onClick={restart}>继续导入</Button>
              <Button type="primary" onClick={onClose}>
                完成
              </Button>
            </Space>
          }
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        模板列：责任组织、问题描述、问题类别、严重程度、整改时限、责任人；责任组织须为{batch.issuingOrgName}的下级组织。
      </Typography.Text>
    </Modal>
  );
}
