/** A backlog figure: unsynced doses, the day of the oldest and its age in days (server: vaccination/backlog/service.ts). */
export interface BacklogFigure {
  count: number;
  oldest: string | null;
  oldestDays: number | null;
}

export interface BacklogUnit {
  code: string;
  name: string;
  level: string;
}

export interface BacklogUnitRow extends BacklogFigure, BacklogUnit {
  hasChildren: boolean;
}

export interface BacklogSiteRow extends BacklogFigure {
  /** Null: doses recorded without their site. */
  site: string | null;
}

/** What GET /vaccination/backlog answers. */
export interface BacklogReport {
  today: string;
  unit: BacklogUnit;
  parents: BacklogUnit[];
  total: BacklogFigure;
  units: BacklogUnitRow[];
  sites: BacklogSiteRow[];
  sitesTotal: number;
}

/** What POST /vaccination/backlog/import answers. */
export interface PlatformImportReport {
  batchId: string;
  rows: number;
  synced: number;
  alreadySynced: number;
  unmatched: number;
  rejected: number;
  rejectedRows: { row: number; field: string; label: string; value: string | null; message: string }[];
  columns: { recognised: { header: string; column: string; label: string }[]; ignored: string[] };
  ms: number;
}

/** The export of a unit's (or one site's) unsynced doses. */
export function exportUrl(unit: string, site?: string | null): string {
  const search = new URLSearchParams({ unit });
  if (site) search.set('site', site);
  return `/api/v1/vaccination/backlog/export.xlsx?${search}`;
}

/** /vaccination/backlog?unit=CODE (empty: the account's own unit). */
export function backlogUrl(unit?: string): string {
  return unit ? `/vaccination/backlog?unit=${encodeURIComponent(unit)}` : '/vaccination/backlog';
}
