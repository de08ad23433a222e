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


def test_googles_credential_shapes_and_key_arguments_are_masked():
    scrubbed = redact.scrub(
        "GET /calendar/v3/x?key=some-api-key&pageToken=p ya29.a0AfB_byC 1//0gAbcdefghijklmnopqrstu "
        "AIzaSyD-crmsync-test-api-key-0123456789 GOCSPX-abcdef 4/0AbCdEfGhIjKlMn "
        "{'X-Goog-Api-Key': 'another-key'}"
    )
    for value in (
        "some-api-key",
        "ya29.a0AfB_byC",
        "1//0gAbcdefghijklmnopqrstu",
        "AIzaSyD-crmsync-test-api-key-0123456789",
        "GOCSPX-abcdef",
        "4/0AbCdEfGhIjKlMn",
        "another-key",
    ):
        assert value not in scrubbed, value
    assert "pageToken=p" in scrubbed
    # A loopback address is not a refresh token.
    assert redact.scrub("http://127.0.0.1//x") == "http://127.0.0.1//x"


def test_every_logger_is_cleaned_even_sql_tuples_and_tracebacks(caplog):
    redact.install()
    redact.remember_secret("folder-api-key-value")
    with caplog.at_level(logging.DEBUG):
        # peewee logs (sql, params) as the message itself, with no arguments.
        logging.getLogger("peewee").debug(
            (
                'INSERT INTO "folder_settings" ("key", "value") VALUES (?, ?)',
                ["k", "folder-api-key-value"],
            )
        )
        logging.getLogger("some.library.nobody.listed").info("%s", "x folder-api-key-value y")
        try:
            raise RuntimeError("refused folder-api-key-value")
        except RuntimeError:
            logging.getLogger("another.one").exception("failed")
        logging.getLogger("another.one").info("%d items", "not a number folder-api-key-value")
    assert "folder-api-key-value" not in caplog.text
    assert "x *** y" in caplog.text and "refused ***" in caplog.text


def test_the_logging_set_up_installs_the_cleaning():
    from crmsync import logsetup

    logsetup.configure(0)
    assert redact.is_installed()
    assert all(
        any(isinstance(f, redact.SecretRedactor) for f in handler.filters)
        for handler in logging.getLogger().handlers
    )
