import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Card, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { messageOf } from '../../app/api.ts';

interface PanelProps<T> {
  testId: string;
  title: ReactNode;
  extra?: ReactNode;
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}

/** One figure of a start page: a card that shows its loading, its error (as an error), then its data. */
export function Panel<T>({ testId, title, extra, query, children }: PanelProps<T>) {
  return (
    <Card data-testid={testId} title={title} extra={extra} size="small" style={{ height: '100%' }}>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <Alert type="error" showIcon title={messageOf(query.error)} />
      ) : (
        children(query.data)
      )}
    </Card>
  );
}
