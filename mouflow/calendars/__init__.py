"""iCalendar (RFC 5545) from the SQL projection: a subscribable feed per party, one ceremony as a download.

`models` is what the store hands over, `rules` decides what each item's status and version are, `events`
turns one item into a VEVENT and `feed` wraps them in a VCALENDAR. Nothing here reads a database.
"""
