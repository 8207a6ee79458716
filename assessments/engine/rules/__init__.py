"""Rule data, one module per pathway (contract order). Reference: shared domain notes, verified 2026-11-24.

Decisions taken where the reference leaves a point open (each is also in the version's `notes`):
- Coverage starts 2021-01-01 (`as_of` earlier is rejected): older rules are not encoded.
- Tech.Pass: A_2021 from 2021-01-19 (one law-firm note) to 2023-08-31; B_2023 (2 of 3 at S$22,500,
  at most likely_eligible) 2023-09-01..2024-12-31; C_current from 2025-01-01 (criteria official, start
  date ours); new applications not_open from 2027-01-01 (cut-over unconfirmed). Version A/B's product
  limb is met only on product revenue (monthly active users are not collected). Renewals go to review.
- ONE Pass: salary route needs the current fixed salary and >= 12 months at it (12-month average not
  assumed); "market cap" is read from valuation_usd; the overseas test counts cumulative months at
  established companies; any declared achievement (incl. Fortune 500 experience or patents) goes to
  review. Renewals go to review.
- ONE Pass AI and Tech: all positive results at most likely_eligible; "leadership" roles do not count
  (founder, C-suite, technical only); renewals not_open (criteria unpublished).
- Employment Pass: renewals use `as_of` as the pass expiry date. Age <= 23 uses the minimum, >= 45 the
  top of the scale; in between (or age unknown) review. Unknown sector decides only where both sectors
  agree. No COMPASS before 2023-09-01 (new) / 2024-09-01 (renewal); V2020's top of scale is unknown.
- EntrePass: one version from 2017-08-03 (current criteria; their start date is unconfirmed).
  Company age limit compares with the same calendar day 12 months before `as_of`; a future
  incorporation date is a planned company. Renewals go to review.
- K visa: age 18-45 (reported) and the STEM test are capped at likely_eligible; current teaching or
  research means an ongoing role at a university or research institute.
- China work permit: interim table; the trial table is kept but dated before coverage. Whole years of
  relevant experience count. Category = the proven one; outcome insufficient_information only when
  category C is proven and the unknowns could lift it (B proven with A possible stays eligible).
- R visa: category A by the same points (>= 85) or a talent programme / international award (review).
"""
