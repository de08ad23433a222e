"""What crmsync says: every message exists in French and English with the same values, and
the engine's and the Google connection's are said the one same way."""

from __future__ import annotations

import string

import pytest

from crmsync import texts
from crmsync.texts import CATALOGUE, Text, render, say


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_each_message_has_both_languages_with_the_same_values(message_id):
    english, french = CATALOGUE[message_id].en, CATALOGUE[message_id].fr
    assert english.strip() and french.strip() and english != french
    assert _fields(english) == _fields(french)
    values = {name: f"<{name}>" for name in _fields(english)}
    said = say(message_id, **values)
    for name in values:
        assert f"<{name}>" in said.render("fr") and f"<{name}>" in said.render("en")


def test_rendering_picks_the_language_and_keeps_plain_words():
    said = say("moved_to", calendar="Équipe")
    assert said.render("fr") == "vers Équipe"
    assert said.render("en") == "to Équipe" == str(said)
    assert render(said, "fr") == "vers Équipe"
    assert render("Google's own words", "fr") == "Google's own words"
    assert render(None, "fr") == ""
    assert said.value("calendar") == "Équipe" and said.value("missing") == ""


def test_an_unknown_message_is_refused():
    with pytest.raises(KeyError):
        say("no_such_message")
    assert isinstance(texts.say("relinked"), Text)


def test_the_google_connection_says_things_the_same_way():
    from crmsync.google.messages import Said

    said = Said.of("calendar_unknown", name="Équipe")
    assert type(said) is Text
    assert said.render("fr") == said.text("fr") == "Le calendrier recherché « Équipe » est inconnu"
    assert "Équipe" in said.render("en") and said.fix("en")
    assert render(said, "en") == said.text("en")


def test_an_id_said_by_two_areas_is_refused():
    with pytest.raises(ValueError, match="used twice"):
        texts.register({"moved_to": texts.Message(fr="autre", en="other")})
