"""Decisions that stay true: a written page or decision record re-checked against its inputs,
and a rule pack change previewed on stored assessments.

- `compare`: how two rule packs, or two sets of answers, differ in what decides results.
- `causes`: what moved a decision (the answers, the pack, a product's status, advisor itself),
  told apart by evaluating the old answers with the new pack and the new answers with the old.
- `page`: `advisor report --check`, a page against what would be written now.
- `records` and `store`: advisor's ADRs (their front matter) and the copies of the answers and
  rule pack each was made from, kept beside them in `.advisor/`.
- `revisit`: `advisor revisit`, every record of a folder re-checked; `impact`: `advisor rules
  impact`, every answers file of a folder under two packs.
"""
