"""iCalendar: a subscribable feed per party, and one ceremony as a single .ics download."""

from fastapi import APIRouter

router = APIRouter(tags=["calendars"])
