"""Thin views for data-rights requests, one module per journey.

- ``drafting``: the request form, preview, PDF, text and calendar, and what happens next;
- ``keep``: keeping a drafted letter through sign-up or sign-in;
- ``tracking``: saved requests ("My requests");
- ``authorities``: the authority finder;
- ``routes``, ``route_tracking``: the rights finder and its other letters.
"""
