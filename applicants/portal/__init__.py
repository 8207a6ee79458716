"""The applicant portal, in one place: signing in (`account`), the pages (`views`), their forms
(`forms`) and URLs (`urls`). What the portal writes is in `applicants.services.portal`; which objects
an applicant may open is in `applicants.access`, shared with the admin.

Sign-in lives here too: its pages are under /portal/, its accounts are applicants' only (staff sign
in to the admin through `accounts`), and its forms and e-mails are the portal's.
"""
