import { List } from 'antd';
import type { RuleFinding } from '../api/types';
import { RuleCitation, SeverityTag } from './RuleCitation';
import { findingBasis } from './rules';

/** A record's open rule findings (转正到期, 接收逾期 …): severity, the server's message and the citation. */
export function FindingList({ findings, compact }: { findings: readonly RuleFinding[]; compact?: boolean }) {
  if (findings.length === 0) return null;
  return (
    <List
      size="small"
      dataSource={[...findings]}
      data-testid="findings"
      split={!compact}
      renderItem={(f) => (
        <List.Item key={`${f.ruleId}-${f.code}`} style={{ paddingInline: 0, display: 'block' }}>
          <span className="warning-message">
            <SeverityTag severity={f.severity} />
            {f.message}
          </span>
          <div>
            <RuleCitation basis={findingBasis(f)} />
          </div>
        </List.Item>
      )}
    />
  );
}
