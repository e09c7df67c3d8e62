-- Administrative review and lawsuits about a disclosure request (政府信息公开条例 第五十一条:
-- the applicant may apply for administrative review or bring a lawsuit). The yearly disclosure
-- report counts them by outcome in its fourth table (第五十条第三项; 国办公开办函〔2021〕30号
-- 格式 四、政府信息公开行政复议、行政诉讼情况): a review, a lawsuit brought directly, a
-- lawsuit after review; upheld, corrected, another outcome, or not yet concluded.
CREATE TABLE disclosure_remedies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  kind        text NOT NULL CHECK (kind IN ('review', 'lawsuit', 'lawsuit_after_review')),
  authority   text NOT NULL CHECK (length(btrim(authority)) BETWEEN 1 AND 100),
  filed_on    date NOT NULL,
  result      text CHECK (result IN ('upheld', 'corrected', 'other')),
  decided_on  date,
  note        text CHECK (length(note) <= 500),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  decided_by  uuid REFERENCES users(id),
  CHECK ((result IS NULL) = (decided_on IS NULL)),
  CHECK (decided_on IS NULL OR decided_on >= filed_on)
);
CREATE INDEX disclosure_remedies_case ON disclosure_remedies (case_id, filed_on);
CREATE INDEX disclosure_remedies_township ON disclosure_remedies (township_id, filed_on);

DO $$
BEGIN
  PERFORM fazhi_register_case_child('disclosure_remedies'::regclass, 'disclosure_remedies_rw');
  PERFORM fazhi_case_child_policies('disclosure_remedies');
END $$;
GRANT SELECT, INSERT, UPDATE ON disclosure_remedies TO fazhi_app;

-- The report's figures read it: its writes move the township's cockpit counter.
SELECT fazhi_metric_source('disclosure_remedies');
