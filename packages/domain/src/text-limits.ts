/**
 * The longest text each kind of field accepts, in characters. The API schemas carry them (OpenAPI
 * shows them, and more is a 400 naming the field), the forms use them as their maxLength. Rules
 * that word a tighter limit for people (checkFullName: 100) keep theirs.
 */
export const TEXT_LIMITS = {
  /** A person's full name as typed, before its spaces are normalised. */
  personName: 200,
  /** The name of a cluster or of another record people name. */
  name: 200,
  /** A reference given by another system, such as a lab's sample number. */
  ref: 100,
  /** Where a sample was taken. */
  site: 200,
  address: 500,
  note: 2000,
  village: 100,
  unitCode: 10,
  idNumber: 20,
  phone: 30,
  uuid: 36,
  /** YYYY-MM-DD. */
  date: 10,
  /** ISO 8601 with an offset and up to nanoseconds: 2021-08-15T08:30:00.123456789+07:00. */
  dateTime: 40,
} as const;

/** The most entries each kind of list accepts. */
export const LIST_LIMITS = {
  /** People of one pooled sample: the rule allows 10 (checkPoolInput says so in words). */
  poolMembers: 50,
  /** Villages of one cluster or lockdown zone. */
  villages: 100,
  /** Communes of one lockdown zone. */
  unitCodes: 100,
  flags: 10,
} as const;
