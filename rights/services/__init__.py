"""Business logic for data-rights requests, one module per job.

- ``drafting``: compose a request letter, its PDF and text, and where to complain (stores nothing);
- ``reference``: the employer and authority directory;
- ``tracking``, ``reminders``, ``escalation``, ``followups``, ``exports``: saved requests;
- ``unsaved_followups``: follow-ups drafted from answers posted again, without an account;
- ``authorities``: the authority finder;
- ``routes``, ``route_tracking``: the rights finder's other letters.
"""
