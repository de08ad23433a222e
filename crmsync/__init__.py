"""crmsync: a CRM's agenda in two-way sync with Google Calendar, its contacts pushed to Google Contacts."""

__version__ = "0.1.0"
