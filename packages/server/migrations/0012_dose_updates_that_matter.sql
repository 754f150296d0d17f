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
    -- Ids and provinces never change (a person's move deletes and inserts): rows pair by id.
    SELECT array_agg(DISTINCT x.person_id) INTO ids
      FROM (SELECT n.person_id, o.person_id AS old_person_id
              FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.person_id, n.dose_number, n.given_on, n.superseded_by, n.review_status)
                   IS DISTINCT FROM (o.person_id, o.dose_number, o.given_on, o.superseded_by, o.review_status)) c
     CROSS JOIN LATERAL (VALUES (c.person_id), (c.old_person_id)) x(person_id);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM vaccination_refresh_persons(ids);
  END IF;
  RETURN NULL;
END $$;
