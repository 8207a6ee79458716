"""Data protection (Singapore PDPA, China PIPL, GDPR): export, erasure, retention, access log.

- `export`: everything held about a person, as JSON plus their files.
- `services`: the staff-approved writes (approve an export or a deletion, erase a person).
- `retention`: the retention schedule per data category, enforced daily by a beat job.
- `access_log`: who viewed, downloaded or changed a person's data between two dates.
"""
