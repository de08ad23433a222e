"""The engine's messages: every one exists in French and English with the same values."""

from __future__ import annotations

import string

import pytest

from crmsync import texts
from crmsync.texts import CATALOGUE, Text, render, say


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_each_message_has_both_languages_with_the_same_values(message_id):
    english, french = CATALOGUE[message_id]
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
