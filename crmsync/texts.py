"""Everything crmsync says to people outside Qt's own widgets, in French and in English.

One way to say a message: a message id and its values, no language (:func:`say`, or
``Said.of`` in the Google connection's code), rendered later in the language wanted —
``SyncOptions.language`` for a run, else the app's one choice,
:func:`crmsync.i18n.current_language`, the one place that resolves it. Code that needs to
know *what* was said reads the id, never the words.

Each area keeps its own catalogue of :class:`Message` (the engine's below; the Google
connection's in :mod:`crmsync.google.messages`) and registers it here; an id is unique across
catalogues. Qt-free: the command line and the helper process of the app use it alike; the
GUI's own strings go through Qt Linguist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One message: the text and the next step, in each language (``{name}`` placeholders)."""

    fr: str
    en: str
    fix_fr: str = ""
    fix_en: str = ""


#: Every message id of every registered catalogue.
_MESSAGES: dict[str, Message] = {}


def register(catalogue: Mapping[str, Message]) -> None:
    """Add an area's catalogue; an id already said by another area is an error."""
    for message_id, message in catalogue.items():
        known = _MESSAGES.get(message_id)
        if known is not None and known != message:
            raise ValueError(f"message id {message_id!r} is used twice")
        _MESSAGES[message_id] = message


def known(message_id: str) -> bool:
    return message_id in _MESSAGES


class _Blank(dict):  # type: ignore[type-arg]
    """Leave unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _pick(message_id: str, lang: str, *, fix: bool = False) -> Message | str:
    message = _MESSAGES[message_id]
    if fix:
        return message.fix_en if lang == "en" else message.fix_fr
    return message.en if lang == "en" else message.fr


def text(message_id: str, lang: str = "fr", **values: object) -> str:
    """The message in ``lang`` with its placeholders filled."""
    return str(_pick(message_id, lang)).format_map(_Blank(values))


def fix(message_id: str, lang: str = "fr", **values: object) -> str:
    """What to do next, in ``lang`` (empty when there is nothing to do)."""
    return str(_pick(message_id, lang, fix=True)).format_map(_Blank(values))


#: The engine's messages: id → (English, French). Values are named ``{like_this}``.
ENGINE_TEXTS: dict[str, tuple[str, str]] = {
    # --- the agenda's plan ---------------------------------------------------------------
    "deleted_both_sides": ("deleted on both sides", "supprimée des deux côtés"),
    "relinked_twin": (
        "the same on both sides: linked again, nothing copied",
        "identique des deux côtés : lien refait, rien n'est copié",
    ),
    "restored_google_edit": (
        "deleted in the CRM but changed in Google since the last sync: the action is "
        "brought back with Google's changes (delete it again to remove it everywhere)",
        "supprimée dans le CRM mais modifiée dans Google depuis la dernière synchronisation : "
        "l'action est rétablie avec les modifications de Google (supprimez-la à nouveau "
        "pour l'effacer partout)",
    ),
    "restored_crm_edit": (
        "deleted in Google but changed in the CRM since the last sync: the event is "
        "created again with the CRM's changes (delete the action to remove it everywhere)",
        "supprimé dans Google mais modifiée dans le CRM depuis la dernière synchronisation : "
        "l'événement est recréé avec les modifications du CRM (supprimez l'action pour "
        "l'effacer partout)",
    ),
    "invitation_crm_copy_only": (
        "an invitation: only the CRM copy goes",
        "une invitation : seule la copie du CRM est supprimée",
    ),
    "series_manual_only": (
        "series action: pushed by a manual sync",
        "action périodique : envoyée par une synchronisation manuelle",
    ),
    "invitation_not_sent": (
        "an invitation from someone else: the CRM change is not sent to Google",
        "une invitation d'une autre personne : la modification du CRM n'est pas envoyée à Google",
    ),
    "invitation_cannot_move": (
        "an invitation cannot move calendar",
        "une invitation ne peut pas changer de calendrier",
    ),
    "beyond_cap": (
        "beyond the cap of {cap} actions per user and period",
        "au-delà du plafond de {cap} actions par utilisateur et par période",
    ),
    "beyond_cap_series": (
        "beyond the cap of {cap} series actions per user and period",
        "au-delà du plafond de {cap} actions périodiques par utilisateur et par période",
    ),
    "mass_deletion_pending": (
        "mass deletion held back until confirmed ({direction})",
        "suppression en masse retenue jusqu'à confirmation ({direction})",
    ),
    "mass_deletion_held": (
        "Mass deletion held back: {count} of {linked} synced items would be deleted "
        "({direction}). Nothing of that kind was applied; check the other side, then confirm "
        "with --confirm-deletions (or « Oui pour tout »).",
        "Suppression en masse retenue : {count} des {linked} éléments synchronisés seraient "
        "supprimés ({direction}). Rien de tel n'a été fait ; vérifiez l'autre côté, puis "
        "confirmez avec --confirm-deletions (ou « Oui pour tout »).",
    ),
    # --- the agenda's run ----------------------------------------------------------------
    "completed_after_interruption": (
        "completed after an interrupted run",
        "terminé après une synchronisation interrompue",
    ),
    "already_gone": ("already gone", "déjà supprimé"),
    "refused_by_google": (
        "{method} refused by Google ({status}): {message}",
        "{method} refusé par Google ({status}) : {message}",
    ),
    "item_error": ("{title}: {message}", "{title} : {message}"),
    "moved_to": ("to {calendar}", "vers {calendar}"),
    "series_occurrence": (
        "occurrence of a recurring event",
        "occurrence d'un évènement périodique",
    ),
    "changed_during_sync": (
        "changed in the CRM during the sync",
        "modifiée dans le CRM pendant la synchronisation",
    ),
    "keeps_by_option": (
        "the user keeps the action (--deletions keep)",
        "l'utilisateur garde l'action (--deletions keep)",
    ),
    "waiting_for_answer": (
        "deleted in Google: waiting for the user's answer",
        "supprimée dans Google : en attente de la réponse de l'utilisateur",
    ),
    "user_kept": ("the user kept the action", "l'utilisateur a gardé l'action"),
    "unknown_calendar": (
        "The calendar « {name} » is unknown: choose another calendar in the user's "
        "Synchronisation settings.",
        "Le calendrier recherché « {name} » est inconnu : choisissez un autre calendrier dans "
        "l'onglet Synchronisation de l'utilisateur.",
    ),
    # --- Google, whatever the run --------------------------------------------------------
    "daily_quota": (
        "Google's daily limit for this account is reached; the sync will go on tomorrow, or "
        "ask the administrator to raise the project's quota.",
        "La limite quotidienne de Google pour ce compte est atteinte : la synchronisation "
        "reprendra demain, ou demandez à l'administrateur d'augmenter le quota du projet.",
    ),
    "google_kept_failing": (
        "Google kept failing after several tries ({message}); the next sync goes on from "
        "where this one stopped.",
        "Google a échoué malgré plusieurs nouvelles tentatives ({message}) ; la prochaine "
        "synchronisation reprendra là où celle-ci s'est arrêtée.",
    ),
    # --- a run that cannot start or fails -----------------------------------------------
    "sync_busy": (
        "A sync of {login} is already running; wait for it to finish, then start this one "
        "again if it is still needed.",
        "Une synchronisation de {login} est déjà en cours ; attendez qu'elle se termine, puis "
        "relancez celle-ci si besoin.",
    ),
    "sync_crashed": (
        "The sync of {login} stopped on an unexpected error ({error}). What was done is kept; "
        "start it again, and if the error comes back, send the application's log file to "
        "support.",
        "La synchronisation de {login} s'est arrêtée sur une erreur inattendue ({error}). Ce "
        "qui était fait est gardé ; relancez-la, et si l'erreur revient, envoyez le fichier "
        "journal de l'application au support.",
    ),
    "sync_ended_with_errors": (
        "The sync of {login} ended with {count} error(s): {errors}. What went through is kept; "
        "fix what is said, then start it again.",
        "La synchronisation de {login} s'est terminée avec {count} erreur(s) : {errors}. Ce "
        "qui est passé est gardé ; corrigez ce qui est indiqué, puis relancez-la.",
    ),
    "sync_deactivated": (
        "The sync of {login} is turned off: tick « Synchronisation active » in the user's "
        "Synchronisation settings to sync it again.",
        "La synchronisation de {login} est désactivée : cochez « Synchronisation active » "
        "dans l'onglet Synchronisation de l'utilisateur pour la reprendre.",
    ),
    "sync_skipped": ("{login} skipped: {why}", "{login} laissé de côté : {why}"),
    # --- contacts ------------------------------------------------------------------------
    "contacts_cap": (
        "Only {cap} contacts per user are synced: {count} left out (the last added): "
        "{names}. Take contacts off the list to make room.",
        "Seuls {cap} contacts par utilisateur sont synchronisés : {count} laissés de côté "
        "(les derniers ajoutés) : {names}. Retirez des contacts de la liste pour faire de la "
        "place.",
    ),
    "and_more": ("{names} and {count} more", "{names} et {count} autres"),
    "contacts_token_expired": (
        "Google's contacts sync token expired: every contact is read again.",
        "Le jeton de synchronisation des contacts de Google a expiré : tous les contacts "
        "sont relus.",
    ),
    "relinked": ("relinked", "lien retrouvé"),
    "deleted_in_google_contacts": (
        "Deleted in Google Contacts: taken off the list of contacts to sync (the CRM keeps "
        "it; add it again to send it back).",
        "Supprimé dans Google Contacts : retiré de la liste des contacts à synchroniser (le "
        "CRM le garde ; ajoutez-le de nouveau pour le renvoyer).",
    ),
    "deleted_in_google_edited_in_crm": (
        "Deleted in Google Contacts but changed in the CRM since the last sync: created "
        "again in Google Contacts with the CRM's changes.",
        "Supprimé dans Google Contacts mais modifié dans le CRM depuis la dernière "
        "synchronisation : recréé dans Google Contacts avec les modifications du CRM.",
    ),
    "comment_taken_off_the_list": (
        "comment written on the phone taken into the CRM before the contact left the list",
        "commentaire écrit sur le téléphone repris dans le CRM avant que le contact quitte "
        "la liste",
    ),
    "comment_of_deleted_contact": (
        "comment written on the phone of a contact deleted in the CRM: kept in Google "
        "Contacts and here (« {comment} »)",
        "commentaire écrit sur le téléphone d'un contact supprimé dans le CRM : gardé dans "
        "Google Contacts et ici (« {comment} »)",
    ),
    "photo_not_sent": ("Photo not sent: {why}", "Photo non envoyée : {why}"),
    "label_created": ("label created", "libellé créé"),
    "label_renamed": (
        "label renamed: {count} contacts moved from « {old} » to « {new} »",
        "libellé renommé : {count} contacts passés de « {old} » à « {new} »",
    ),
    "back_in_list": (
        "back in the list: label « {label} »",
        "de retour dans la liste : libellé « {label} »",
    ),
    "photo_deleted": ("photo deleted", "photo supprimée"),
    "photo_sent": ("photo sent", "photo envoyée"),
    "off_the_list": (
        "off the list: label « {label} » removed; the contact stays in Google Contacts",
        "retiré de la liste : libellé « {label} » enlevé ; le contact reste dans Google Contacts",
    ),
    "conflict_winner": (
        "changed on both sides; {winner} wins ({policy})",
        "modifié des deux côtés ; {winner} l'emporte ({policy})",
    ),
    "contacts_kept_changing": (
        "Google Contacts kept changing while the sync wrote; run it again.",
        "Google Contacts changeait sans cesse pendant l'écriture ; relancez la synchronisation.",
    ),
    "contacts_not_allowed": (
        "The Google account did not allow crmsync to manage its contacts: click « Connexion » "
        "again and tick Google Contacts on Google's consent page.",
        "Le compte Google n'a pas autorisé crmsync à gérer ses contacts : cliquez de nouveau "
        "sur « Connexion » et cochez Google Contacts sur la page d'autorisation de Google.",
    ),
    "contacts_refused": (
        "Google Contacts refused the sync (HTTP {status}: {message}).",
        "Google Contacts a refusé la synchronisation (HTTP {status} : {message}).",
    ),
}

#: The engine's catalogue as messages.
CATALOGUE: dict[str, Message] = {
    message_id: Message(fr=french, en=english)
    for message_id, (english, french) in ENGINE_TEXTS.items()
}
register(CATALOGUE)


@dataclass(frozen=True)
class Text:
    """Something said: a message id and its values, rendered later in any language."""

    id: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, message_id: str, **values: object) -> Text:
        """The message ``message_id`` with its values; a KeyError for an unknown id."""
        if not known(message_id):
            raise KeyError(message_id)
        return cls(message_id, tuple((k, str(v)) for k, v in values.items()))

    def text(self, lang: str = "fr") -> str:
        return text(self.id, lang, **dict(self.values))

    def fix(self, lang: str = "fr") -> str:
        return fix(self.id, lang, **dict(self.values))

    def full(self, lang: str = "fr") -> str:
        """The message and, when there is one, what to do next, one line each."""
        then = self.fix(lang)
        return self.text(lang) + (f"\n  → {then}" if then else "")

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (the engine's runs say English unless told)."""
        return self.text(lang)

    def value(self, name: str) -> str:
        return dict(self.values).get(name, "")

    def __str__(self) -> str:
        return self.render("en")


def say(message_id: str, **values: object) -> Text:
    """The message ``message_id`` with its values; a KeyError for an unknown id."""
    return Text.of(message_id, **values)


def render(message: Text | str | None, lang: str) -> str:
    """A message in ``lang``; words given as a plain string (Google's, say) are kept."""
    if message is None:
        return ""
    return message.render(lang) if isinstance(message, Text) else message
