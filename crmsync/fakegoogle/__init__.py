"""A local emulator of Google Calendar v3, People v1 and OAuth 2.0 (tests and the demo).

Laid out as moto lays out a service: state and rules in ``models``, HTTP in ``responses``
and ``urls``, errors in ``exceptions``. Nothing here imports Qt.
"""

from crmsync.fakegoogle.server import FakeGoogle

__all__ = ["FakeGoogle"]
