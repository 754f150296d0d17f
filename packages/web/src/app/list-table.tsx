import { Table } from 'antd';
import type { ListViewProps } from './cursor-list.tsx';

/**
 * The wide-screen form of a list: an antd Table. Its own file, loaded only on wide screens, so a
 * phone never downloads or evaluates the Table.
 */
export default function ListTable<T extends object>({
  items,
  columns,
  rowKey,
  loading,
  empty,
  pageSize,
  size = 'middle',
  selection,
}: ListViewProps<T>) {
  return (
    <Table<T>
      rowKey={rowKey}
      size={size}
      loading={loading}
      dataSource={items}
      pagination={pageSize && items.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      // A narrow window scrolls the table, not the page; at 1440 px the columns fit.
      scroll={{ x: 'max-content' }}
      locale={empty ? { emptyText: empty } : undefined}
      rowSelection={
        selection && {
          selectedRowKeys: selection.keys,
          onChange: (keys) => selection.onChange(keys.map(String)),
        }
      }
      columns={columns
        .filter((column) => column.table !== false)
        .map((column) => ({
          key: column.key,
          title: column.title,
          align: column.align,
          width: column.width,
          // Headers stay on one line; a long value wraps in its column's width instead.
          onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          render: (_: unknown, item: T) => column.render(item),
        }))}
    />
  );
}
