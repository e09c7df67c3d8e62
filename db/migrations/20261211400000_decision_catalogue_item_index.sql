-- A decision names its catalogue item in its start step; the catalogue's counts and each item's
-- link find the decision by that name (modules/decisions/catalogue.routes.ts): an index on it,
-- so a catalogue's page does not scan the decisions once per item.
CREATE INDEX cases_decision_catalogue_item_idx ON cases ((steps -> 'start' ->> 'catalogueItemId'))
  WHERE case_type = 'decision';
