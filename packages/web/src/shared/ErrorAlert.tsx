import { Alert, Button } from 'antd';
import { errorDetails, errorMessage } from './errors';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows an API error with the server's Chinese message and its details, if any. */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const message = errorMessage(error);
  // Details that only repeat the message add nothing.
  const details = errorDetails(error).filter((d) => d.message !== message);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? message}
      description={
        title || details.length > 0 ? (
          <>
            {title ? <div>{message}</div> : null}
            {details.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {details.map((d, i) => (
                  <li key={`${d.field}-${i}`}>{d.message}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
