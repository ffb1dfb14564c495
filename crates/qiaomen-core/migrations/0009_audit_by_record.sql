-- One audit entry per changed record, not per answer (issue 20). A keyed form wrote 17
-- entries or more: the inspection's insert entry and one insert entry per answer. After
-- 20,000 visits the log held 365,200 entries, most of a database grown from 12 to 86 MB.
-- An answer is part of its form: the form's own insert entry records that it was filled in,
-- and the answers it was filled in with are the rows as they are now, or the `old` image of
-- their next update or delete entry (qiaomen_core::audit::history puts them back, as for
-- every insert since 0004). Corrections of a form still write one entry per changed answer
-- (the answers' update and delete triggers stay). Triggers hold no data: dropping one is
-- additive. Entries written before this migration stay.
-- tools/gen_audit_triggers.py writes no insert trigger for answers (NO_INSERT_ENTRY).

DROP TRIGGER IF EXISTS audit_answers_insert;
