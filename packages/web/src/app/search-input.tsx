import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchInputProps {
  /** Lands on the <input> itself, so tests can fill it and press Enter. */
  testId: string;
  label: string;
  placeholder: string;
  initial: string;
  onSearch: (value: string) => void;
  style?: CSSProperties;
}

/** A search box that searches on Enter, on its button, and when cleared. */
export function SearchInput({ testId, label, placeholder, initial, onSearch, style }: SearchInputProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  return (
    <Space.Compact block style={style}>
      <Input
        data-testid={testId}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        allowClear
        onChange={(event) => setValue(event.target.value)}
        onPressEnter={() => onSearch(value.trim())}
        onClear={() => onSearch('')}
      />
      <Button
        type="primary"
        icon={<SearchOutlined />}
        aria-label={t('common.search')}
        onClick={() => onSearch(value.trim())}
      />
    </Space.Compact>
  );
}
