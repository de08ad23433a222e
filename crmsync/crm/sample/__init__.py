"""Realistic, deterministic sample data for a CRM: French users, companies, contacts (with
photos) and a year of agenda on either side of today. See :func:`generate_sample`."""

from __future__ import annotations

from crmsync.crm.sample.generate import (
    SampleDataExistsError,
    SampleSummary,
    existing_data,
    generate_sample,
)

__all__ = ["SampleDataExistsError", "SampleSummary", "existing_data", "generate_sample"]
