-- 0003: units (单位) are maintained in the app: each unit is managed from one organization (normally the
-- organ's 机关党委 or 党组), whose subtree admins may edit it; plus the 统一社会信用代码. Forward-only.

ALTER TABLE units ADD COLUMN managing_org_id integer REFERENCES orgs (id);
ALTER TABLE units ADD COLUMN credit_code text CHECK (credit_code IS NULL OR length(credit_code) = 18);
CREATE INDEX units_managing_org_idx ON units (managing_org_id);
CREATE UNIQUE INDEX units_credit_code_key ON units (credit_code) WHERE credit_code IS NOT NULL;

-- Existing units: managed by the shallowest organization set up in them, else by the root.
UPDATE units SET managing_org_id = COALESCE(
  (SELECT o.id FROM org_units ou JOIN orgs o ON o.id = ou.org_id WHERE ou.unit_id = units.id ORDER BY o.depth, o.id LIMIT 1),
  (SELECT o.id FROM orgs o WHERE o.depth = 0 ORDER BY o.id LIMIT 1));
