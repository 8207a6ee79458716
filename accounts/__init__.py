"""Staff sign-in: the admin site behind a second factor (TOTP), enrolment, session time limits."""
