import { Popover, Tag, Typography } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import type { RuleBasis, RuleSeverity } from '../api/types';
import { citationEntries, severityLook } from './rules';

/** 违规 / 提醒 / 建议. */
export function SeverityTag({ severity }: { severity: RuleSeverity | string | undefined }) {
  const look = severityLook(severity);
  return (
    <Tag color={look.color} data-testid="severity-tag">
      {look.label}
    </Tag>
  );
}

/**
 * 依据：《source》article for each source of a rule's basis; the quoted text opens on hover or tap.
 * Nothing when the basis names no source.
 */
export function RuleCitation({ basis, style }: { basis: readonly RuleBasis[] | null | undefined; style?: React.CSSProperties }) {
  const entries = citationEntries(basis);
  if (entries.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, ...style }} className="rule-citation" data-testid="rule-citation">
      <BookOutlined style={{ marginInlineEnd: 4 }} />
      依据：
      {entries.map((e, i) => (
        <span key={e.text}>
          {i > 0 ? '；' : null}
          {e.quotes.length > 0 ? (
            <Popover
              trigger={['hover', 'click']}
              title={e.text}
              content={
                <div style={{ maxWidth: 360 }}>
                  {e.quotes.map((q) => (
                    <p key={q} style={{ margin: '4px 0' }}>
                      “{q}”
                    </p>
                  ))}
                </div>
              }
            >
              <span className="rule-citation-source" tabIndex={0} role="button">
                {e.text}
              </span>
            </Popover>
          ) : (
            <span>{e.text}</span>
          )}
        </span>
      ))}
    </Typography.Text>
  );
}
