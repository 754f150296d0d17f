-- A dose's coverage facts are its person, province, number, day, whether a correction superseded it
-- and whether a reviewer rejected it (vaccination_refresh_persons reads nothing else). An UPDATE
-- that changes none of them — the national platform's dose code (ma_mui_tiem) given to 100,000
-- doses by a platform import, a lot, a site, a review note — refreshes nobody's coverage rows.
CREATE OR REPLACE FUNCTION vaccination_doses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.person_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.person_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.person_id) INTO ids
      FROM (SELECT unnest(ARRAY[n.person_id, o.person_id]) AS person_id
              FROM new_rows n FULL JOIN old_rows o ON o.id = n.id AND o.province_code = n.province_code
             WHERE n.id IS NULL OR o.id IS NULL
                OR (n.person_id, n.dose_number, n.given_on, n.superseded_by, n.review_status)
                   IS DISTINCT FROM (o.person_id, o.dose_number, o.given_on, o.superseded_by, o.review_status)) x
     WHERE x.person_id IS NOT NULL;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM vaccination_refresh_persons(ids);
  END IF;
  RETURN NULL;
END $$;
