import { Alert, Checkbox, Flex, Grid, Spin, theme } from 'antd';
import { Fragment, lazy, type MouseEvent, type ReactNode, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { messageOf } from './api.ts';
import { LoadMore } from './load-more.tsx';
import { isWideScreen } from './wide-screen.ts';

/**
 * Where a column's value goes on a phone card: the card's heading, beside the heading (a tag, an
 * action), a labelled line, the quieter line under them (the default), or nowhere.
 */
export type CardPlace = 'title' | 'extra' | 'primary' | 'secondary' | 'hidden';

/** One field of a list: a table column on a wide screen, a line of a card on a phone. */
export interface ListColumn<T> {
  key: string;
  title: string;
  render: (item: T) => ReactNode;
  card?: CardPlace;
  /** On a card, the value alone: it speaks for itself (a tag, a place name). */
  bare?: boolean;
  /** false: only on cards (the table shows it in another column). */
  table?: boolean;
  align?: 'left' | 'center' | 'right';
  /** A width a long value wraps in, instead of widening the table. */
  width?: number;
}

export interface ListViewProps<T> {
  items: T[];
  columns: ListColumn<T>[];
  rowKey: (item: T) => string;
  loading?: boolean;
  /** What an empty list says. */
  empty?: string;
  /** Pages of this many rows in the table (a long list read at once); cards show them all. */
  pageSize?: number;
  size?: 'small' | 'middle';
  /** Records ticked for an action (a tick per row or card). */
  selection?: { keys: string[]; onChange: (keys: string[]) => void };
}

export interface ResponsiveListProps<T> extends ListViewProps<T> {
  testId: string;
  /** The record a card opens when tapped. */
  href?: (item: T) => string | undefined;
}

const loadTable = () => import('./list-table.tsx');
const ListTable = lazy(loadTable) as unknown as typeof import('./list-table.tsx').default;
// On a wide screen the table's code loads alongside the page's, not after its first render.
if (isWideScreen()) void loadTable();

function useWide(): boolean {
  // Before its first subscription useBreakpoint knows nothing: ask the browser, so a wide screen
  // does not draw cards first.
  return Grid.useBreakpoint().lg ?? isWideScreen();
}

function isBlank(value: ReactNode): boolean {
  return value === null || value === undefined || value === false || value === '' || value === '—';
}

/** Taps on a link, button or field inside a card do their own thing, not open the card's record. */
function onInnerControl(event: MouseEvent): boolean {
  return (event.target as HTMLElement).closest('a, button, input, label, [role="button"]') !== null;
}

function ListCards<T>({ items, columns, rowKey, loading, empty, href, selection }: ResponsiveListProps<T>) {
  const { token } = theme.useToken();
  const navigate = useNavigate();
  if (loading) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) {
    return <div style={{ padding: 24, textAlign: 'center', color: token.colorTextTertiary }}>{empty}</div>;
  }
  const placed = (place: CardPlace) => columns.filter((column) => (column.card ?? 'secondary') === place);
  const [titles, extras, primary, secondary] = (['title', 'extra', 'primary', 'secondary'] as const).map(
    placed,
  );
  return (
    <ul
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      {items.map((item) => {
        const key = rowKey(item);
        const ticked = selection?.keys.includes(key) ?? false;
        const tick = () =>
          selection?.onChange(ticked ? selection.keys.filter((k) => k !== key) : [...selection.keys, key]);
        const to = href?.(item);
        const filled = (list: ListColumn<T>[]) =>
          list
            .map((column) => ({ column, value: column.render(item) }))
            .filter(({ value }) => !isBlank(value));
        const quiet = filled(secondary);
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the heading's link opens the same record
          <li
            key={key}
            data-row-key={key}
            onClick={(event) => {
              if (onInnerControl(event)) return;
              if (selection) tick();
              else if (to) navigate(to);
            }}
            style={{
              padding: '10px 12px',
              border: `1px solid ${token.colorBorderSecondary}`,
              borderRadius: token.borderRadiusLG,
              background: token.colorBgContainer,
              cursor: to || selection ? 'pointer' : undefined,
              overflowWrap: 'anywhere',
            }}
          >
            <div
              style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}
            >
              <div style={{ fontWeight: 600, minWidth: 0 }}>
                {selection && <Checkbox checked={ticked} onChange={tick} style={{ marginInlineEnd: 8 }} />}
                {titles.map((column) => (
                  <Fragment key={column.key}>{column.render(item)}</Fragment>
                ))}
              </div>
              <div style={{ flex: 'none', textAlign: 'right' }}>
                {filled(extras).map(({ column, value }) => (
                  <Fragment key={column.key}>{value}</Fragment>
                ))}
              </div>
            </div>
            {primary.length > 0 && (
              <dl
                style={{
                  display: 'grid',
                  gridTemplateColumns: 'fit-content(45%) 1fr',
                  gap: '2px 12px',
                  margin: '6px 0 0',
                }}
              >
                {filled(primary).map(({ column, value }) => (
                  <Fragment key={column.key}>
                    <dt style={{ color: token.colorTextSecondary }}>{column.bare ? null : column.title}</dt>
                    <dd style={{ margin: 0, minWidth: 0 }}>{value}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
            {quiet.length > 0 && (
              <div style={{ marginTop: 4, fontSize: token.fontSizeSM, color: token.colorTextSecondary }}>
                {quiet.map(({ column, value }, i) => (
                  <Fragment key={column.key}>
                    {i > 0 && ' · '}
                    {column.bare ? (
                      value
                    ) : (
                      <>
                        {`${column.title}: `}
                        {value}
                      </>
                    )}
                  </Fragment>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A list that fits its screen: a table on a wide one, a card per record on a phone (no sideways
 * scrolling; the fields marked `primary` first, and a tap opens the record).
 */
export function ResponsiveList<T extends object>(props: ResponsiveListProps<T>) {
  const wide = useWide();
  return (
    <div data-testid={props.testId}>
      {wide ? (
        <Suspense fallback={<Spin style={{ display: 'block', margin: 24 }} />}>
          <ListTable<T> {...props} />
        </Suspense>
      ) : (
        <ListCards<T> {...props} />
      )}
    </div>
  );
}

/** What a list read page by page (useCursorList) tells its view. */
export interface CursorListState<T> {
  items: T[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

interface CursorListProps<T> extends Omit<ResponsiveListProps<T>, 'items' | 'loading'> {
  list: CursorListState<T>;
}

/** A list read with a cursor: its error, its rows or cards, and "Tải thêm" while there are more. */
export function CursorList<T extends object>({ list, ...props }: CursorListProps<T>) {
  return (
    <>
      {list.isError && (
        <Alert type="error" showIcon title={messageOf(list.error)} style={{ marginBottom: 16 }} />
      )}
      <ResponsiveList<T> {...props} items={list.items} loading={list.isPending} />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
    </>
  );
}

/** The filters above a list, wrapping onto more lines on a narrow screen. */
export function FilterBar({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <Flex data-testid={testId} wrap gap={8} style={{ marginBottom: 16 }}>
      {children}
    </Flex>
  );
}
