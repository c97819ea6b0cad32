import type { ReactNode } from 'react';
import { List, Typography, type App } from 'antd';
import type { RuleWarning } from '../api/types';
import { RuleCitation, SeverityTag } from './RuleCitation';

/** Rule findings that did not stop a save, each with its severity and its citation (the quote on hover or tap), as in 预警. */
export function RuleWarningList({ warnings }: { warnings: readonly RuleWarning[] }) {
  return (
    <List
      size="small"
      dataSource={[...warnings]}
      data-testid="rule-warnings"
      renderItem={(w, i) => (
        <List.Item key={i} style={{ paddingInline: 0, display: 'block' }}>
          <span className="warning-message">
            <SeverityTag severity={w.severity} />
            {w.message}
          </span>
          <div>
            <RuleCitation basis={w.basis} />
          </div>
        </List.Item>
      )}
    />
  );
}

type ModalApi = ReturnType<typeof App.useApp>['modal'];
type MessageApi = ReturnType<typeof App.useApp>['message'];

/** After a save: a plain success message, or a dialog with the rule findings that did not stop it. */
export function showSaved(modal: ModalApi, message: MessageApi, title: string, warnings: readonly RuleWarning[], extra?: ReactNode) {
  if (warnings.length === 0 && !extra) {
    void message.success(title);
    return;
  }
  const show = warnings.some((w) => w.severity === 'violation' || w.severity === 'warning') ? modal.warning : modal.success;
  show({
    title,
    width: 520,
    content: (
      <>
        {extra}
        {warnings.length > 0 ? (
          <>
            <Typography.Paragraph style={{ marginTop: extra ? 12 : 0, marginBottom: 4 }}>已保存，但请注意以下事项：</Typography.Paragraph>
            <RuleWarningList warnings={warnings} />
          </>
        ) : null}
      </>
    ),
    okText: '知道了',
  });
}
