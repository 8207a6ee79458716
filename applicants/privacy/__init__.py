"""Data protection (Singapore PDPA, China PIPL, GDPR): what we hold about a person and who saw it.

- `export`: everything held about a person, as JSON plus their files.
- `access_log`: who viewed, downloaded or changed a person's data between two dates.
- `downloads`: handing an approved export archive over, logged.

The writes are services like every other: asking (`services.portal.request_data`), carrying a request
out and erasing a person (`services.privacy`), and the retention schedule (`services.retention`).
"""
