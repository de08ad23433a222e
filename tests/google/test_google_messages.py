"""The message catalogue: FTC019's words kept exactly, both languages, each with a next step."""

from __future__ import annotations

import pytest

from crmsync.google.messages import CATALOGUE, Said, fix, language, text

FTC019 = {
    "calendar_unknown": "Le calendrier recherché « Mon Calendrier » est inconnu",
    "calendar_name_empty": "Nom du calendrier non renseigné",
    "account_info": "Les informations sur le compte utilisateur ne sont pas accessibles",
    "no_calendar": "Aucun calendrier n'a été trouvé sur le compte Google",
    "access_denied": "Erreur d'autorisation. 403 access_denied",
}


@pytest.mark.parametrize("message_id", sorted(FTC019))
def test_the_tech_sheets_messages_are_word_for_word(message_id):
    assert text(message_id, "fr", name="Mon Calendrier") == FTC019[message_id]
    assert fix(message_id, "fr") and fix(message_id, "en")
    assert text(message_id, "en", name="x") != text(message_id, "fr", name="x")


def test_every_message_exists_in_both_languages():
    for message_id, message in CATALOGUE.items():
        assert message.fr and message.en, message_id
        assert bool(message.fix_fr) == bool(message.fix_en), message_id


def test_the_api_not_enabled_message_says_to_enable_the_calendar_api():
    assert "API Google Calendar est activée" in fix("no_calendar", "fr")
    assert "enabled" in fix("no_calendar", "en")


def test_access_denied_tells_to_add_the_test_user():
    assert "utilisateurs test" in fix("access_denied", "fr", email="alice@example.com")
    assert "alice@example.com" in fix("access_denied", "en", email="alice@example.com")


@pytest.mark.parametrize(
    ("lc_all", "lang", "expected"),
    [
        ("", "en_GB.UTF-8", "en"),
        ("", "fr_FR.UTF-8", "fr"),
        ("en_US.UTF-8", "fr_FR.UTF-8", "en"),
        ("fr_FR.UTF-8", "en_US.UTF-8", "fr"),
    ],
)
def test_the_language_follows_the_locale(monkeypatch, lc_all, lang, expected):
    """The Google messages speak crmsync's one language choice (crmsync.i18n)."""
    monkeypatch.delenv("CRMSYNC_LANG", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LC_ALL", lc_all)
    monkeypatch.setenv("LANG", lang)
    assert language() == expected


def test_crmsync_lang_wins_over_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("CRMSYNC_LANG", "en")
    assert language() == "en"


def test_an_explicit_language_wins(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert language("en") == "en"
    with pytest.raises(ValueError):
        language("de")


def test_said_renders_later_in_either_language():
    said = Said.of("calendar_unknown", name="Nope")
    assert said.text("fr") == "Le calendrier recherché « Nope » est inconnu"
    assert said.full("en").startswith("The calendar « Nope »")
    assert "\n  → " in said.full("fr")
    with pytest.raises(KeyError):
        Said.of("no_such_message")
