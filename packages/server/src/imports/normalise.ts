/**
 * SQL expressions that turn the staged text of one cell into a typed value, or NULL when the text
 * is not one. Every expression is total: a bad value never raises an error in the middle of a
 * 100,000-row statement, it yields NULL, and the caller reports the row. They run once per cell
 * (or per distinct text, see PerDistinct) of files of 100,000 rows, so they are written for speed.
 */
import { type SQL, sql } from '../db/sql.ts';

/** A staged column of the row `r`: the Node step trimmed it, and staged an empty cell as NULL. */
export function cell(name: string): SQL {
  return sql.raw(`r."${name}"`);
}

/**
 * Values computed once per distinct text of a staged column rather than once per row (a file has
 * a few result spellings and sample dates, repeated 100,000 times): `value(name, f)` is the SQL of
 * `f` applied to the column of row `r`; `joins` the LEFT JOINs that compute them. A column the
 * file does not have is NULL, with no join.
 */
export class PerDistinct {
  private readonly parts: SQL[] = [];
  constructor(private readonly present: ReadonlySet<string>) {}

  value(name: string, f: (text: SQL) => SQL, type: 'text' | 'timestamptz' | 'date' = 'text'): SQL {
    if (!this.present.has(name)) return sql.raw(`NULL::${type}`);
    const alias = sql.raw(`d${this.parts.length}`);
    const column = sql.raw(`"${name}"`);
    this.parts.push(sql`LEFT JOIN (SELECT d.text, ${f(sql`d.text`)} AS val
                                     FROM (SELECT DISTINCT ${column} AS text FROM import_rows) d) ${alias}
                         ON ${alias}.text = r.${column}`);
    return sql`${alias}.val`;
  }

  get joins(): SQL {
    return sql.join(this.parts, sql` `);
  }
}

/** Matching key of a coded value: lower-case, no diacritics, letters and digits only (as `foldKey`). */
export function foldedKey(value: SQL): SQL {
  return sql`regexp_replace(lower(unaccent(${value})), '[^a-z0-9]', '', 'g')`;
}

/** A coded value looked up in a folded vocabulary (`valueLookup`); NULL when unknown or empty. */
export function coded(value: SQL, lookup: Record<string, string>): SQL {
  return sql`(${JSON.stringify(lookup)}::jsonb ->> ${foldedKey(value)})`;
}

/** A name as `persons.name_folded` holds it: lower-case, no diacritics, single spaces. */
export function foldedName(value: SQL): SQL {
  const v = sql`translate(${value}, '’ʼ\t', ''''' ')`;
  return sql`lower(unaccent(CASE WHEN strpos(${v}, '  ') > 0 THEN regexp_replace(${v}, ' +', ' ', 'g') ELSE ${v} END))`;
}

// A date is recognised by one regular expression that admits only real calendar days (no 31/04,
// 29/02 only in leap years) and real times, then converted by to_timestamp / to_date, which would
// raise an error on anything else. PostgreSQL matches a long pattern without capture groups in
// about 2 µs; capturing the parts instead costs about 15 µs a value.
const DAY_MONTH = (s: string) =>
  `((0?[1-9]|1[0-9]|2[0-8])${s}(0?[1-9]|1[0-2])|(29|30)${s}(0?[13-9]|1[0-2])|31${s}(0?[13578]|1[02]))`;
const MONTH_DAY = '((0?[1-9]|1[0-2])-(0?[1-9]|1[0-9]|2[0-8])|(0?[13-9]|1[0-2])-(29|30)|(0?[13578]|1[02])-31)';
const YEAR = '(18|19|20|21)[0-9]{2}';
const LEAP_YEAR = '((18|19|20|21)(0[48]|[2468][048]|[13579][26])|2000)';
const TIME = (s: string) => `(${s}+([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?`;
/** dd/mm/yyyy (or with `.` `-`), optionally hh:mm[:ss]. */
const VN_DATE = sql.raw(`'^(${DAY_MONTH('[/.-]')}[/.-]${YEAR}|29[/.-]0?2[/.-]${LEAP_YEAR})${TIME(' ')}$'`);
/** yyyy-mm-dd, optionally hh:mm[:ss] after a space or `T`. */
const ISO_DATE = sql.raw(`'^(${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-0?2-29)${TIME('[ T]')}$'`);

/**
 * The instant a date or date-time names, NULL when it names none. Read in the session's time
 * zone, which an import sets to Vietnam time (`runImport`); a day alone is its midnight.
 */
export function instantOf(value: SQL): SQL {
  return sql`CASE WHEN ${value} ~ ${VN_DATE} THEN to_timestamp(${value}, 'DD/MM/YYYY HH24:MI:SS')
                  WHEN ${value} ~ ${ISO_DATE} THEN to_timestamp(replace(${value}, 'T', ' '), 'YYYY-MM-DD HH24:MI:SS') END`;
}

/** The calendar day a date names (a time of day after it is ignored), NULL when it names none. */
export function dayOf(value: SQL): SQL {
  return sql`CASE WHEN ${value} ~ ${VN_DATE} THEN to_date(${value}, 'DD/MM/YYYY')
                  WHEN ${value} ~ ${ISO_DATE} THEN to_date(${value}, 'YYYY-MM-DD') END`;
}

/** Whether a date text carries a time of day. */
export function hasTime(value: SQL): SQL {
  return sql`(strpos(${value}, ':') > 0)`;
}

/**
 * An identity number (CCCD, CMND, passport) as persons hold it. Spreadsheets that stored the number
 * as a number dropped its leading zero: 11 digits become the 12 of a CCCD, 8 the 9 of a CMND.
 */
export function idNumberOf(value: SQL): SQL {
  const v = sql`upper(translate(${value}, ' .-', ''))`;
  // Most rows hold a CCCD or CMND as it should be: recognised without rewriting it.
  return sql`CASE WHEN length(${value}) IN (9, 12) AND ltrim(${value}, '0123456789') = '' THEN ${value}
                  WHEN length(${v}) IN (8, 11) AND ltrim(${v}, '0123456789') = '' THEN '0' || ${v} ELSE ${v} END`;
}
