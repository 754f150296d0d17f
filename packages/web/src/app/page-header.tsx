import { Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';

interface PageHeaderProps {
  title: string;
  extra?: ReactNode;
}

/** The title row of a page; also names the browser tab. */
export function PageHeader({ title, extra }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · Tuyến Đầu`;
  }, [title]);
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
