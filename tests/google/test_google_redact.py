"""Tokens and secrets are masked in every log record of the OAuth and Google libraries."""

from __future__ import annotations

import logging

from crmsync.google import redact


def test_token_looking_values_are_masked():
    scrubbed = redact.scrub(
        "code=4/0Aabc&client_secret=s3cr3t&code_verifier=v&grant_type=authorization_code "
        '{"access_token": "ya29.x", "refresh_token": "1//r", "expires_in": 3599} '
        "Authorization: Bearer ya29.y"
    )
    for value in ("4/0Aabc", "s3cr3t", "ya29.x", "1//r", "ya29.y"):
        assert value not in scrubbed
    assert "grant_type=authorization_code" in scrubbed
    assert '"expires_in": 3599' in scrubbed


def test_page_and_sync_tokens_are_not_secrets():
    assert redact.scrub("pageToken=abc&syncToken=def") == "pageToken=abc&syncToken=def"


def test_remembered_secrets_are_masked_anywhere(caplog):
    redact.install()
    redact.remember_secret("my-client-secret-value")
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("requests_oauthlib.oauth2_session").debug(
            "Prepared body %s", "xx my-client-secret-value yy"
        )
    assert "my-client-secret-value" not in caplog.text
    assert "xx *** yy" in caplog.text
