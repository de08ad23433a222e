"""Calendar emulator fixtures: Alice's service."""

from __future__ import annotations

import pytest
from calendar_helpers import ALICE


@pytest.fixture
def cal(calendar_api):
    """Alice's Calendar service (scopes: calendar.events + calendarlist.readonly)."""
    return calendar_api(ALICE)
