"""Every write this app makes, one module per concept. Views, the admin, commands and tasks call these;
nothing else saves, deletes or updates the app's models.

- `people`: applicants, their passport number (minimised), consents and e-mail address (who they are).
- `cases`: opening a case, its fields, assignment, notes, reminders, deletion; `import_cases` in bulk.
- `documents`: the checklist, uploads and the review (the one place its rule is written).
- `transitions`: the case pipeline: allowed moves as a table, one service per move.
- `reassessment`: re-running a case's assessment, and every open case's when rules change.
- `portal`: what the applicant does: save an assessment (or hold it for the address's confirmation),
  sign in, upload, ask for their data.
- `messages`: secure messages on a case between the applicant and staff, reading them, unread counts.
- `links`: what the e-mailed one-time links do once their page is confirmed (sign in, create the
  portal password, add a confirmed assessment), each using its link up in the same transaction.
- `privacy`: carrying out a data request (export archive, erasure).
- `retention`: the retention schedule's daily purge.
- `digest`: the consultants' daily digest e-mail.
- `staff`: the staff accounts of the demo and the load-test data, with their roles.

Every service is keyword-only, typed and runs in one transaction (batch jobs say why not); its
docstring states what it refuses and why. Rules a form must show before anything is saved are plain
functions here too (`check_*`), called by the service and by the form, so each rule is written once.

Import order: `tasks` imports the services it runs (digest, reassessment, retention, privacy); only
`portal` and `messages` enqueue tasks. A service that a task runs must not import `applicants.tasks`.
"""
