import type { UnitLevel } from '../app/account.ts';

export interface Unit {
  code: string;
  name: string;
  shortName: string;
  /** The GSO word: Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu. */
  type: string;
  level: UnitLevel;
  parentCode?: string;
  provinceCode: string;
  population?: number | null;
}

export interface UnitDetail extends Unit {
  children: Unit[];
  /** From the province down. */
  ancestors: Unit[];
}
