import { Button } from './button.tsx';

/** The "Load more" control of a cursor-paginated list; hidden on the last page. */
export function LoadMore({ hasMore, isLoading, onLoadMore }: { hasMore: boolean; isLoading: boolean; onLoadMore: () => void }) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <Button variant="secondary" busy={isLoading} busyLabel="Loading…" onClick={onLoadMore}>
        Load more
      </Button>
    </div>
  );
}
