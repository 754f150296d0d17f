import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** "Tải thêm" under a list read with a cursor; hidden once the last page is in. */
export function LoadMore({ hasMore, loading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Flex justify="center" style={{ marginTop: 16 }}>
      <Button data-testid="load-more" loading={loading} onClick={onLoadMore}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );
}
