"""What the Google connection tells the user, in French and English, each with what to do next.

One catalogue keyed by id, so the command line, the status light and the GUI say the same
thing. The FTC019 messages (SPEC §6) are kept word for word; their "what to do" follows the
tech sheet's "Solution" column. The GUI's Qt Linguist translation will read the same ids.
"""

from __future__ import annotations

from crmsync import i18n
from crmsync.texts import Message, Text, fix, register, text

__all__ = ["CATALOGUE", "DEFAULT_LANGUAGE", "LANGUAGES", "Said", "fix", "language", "text"]

LANGUAGES = i18n.LANGUAGES
DEFAULT_LANGUAGE = "fr"

CATALOGUE: dict[str, Message] = {
    # --- FTC019 §3.5.2 -----------------------------------------------------------------
    "calendar_unknown": Message(
        "Le calendrier recherché « {name} » est inconnu",
        "The calendar « {name} » you are looking for is unknown",
        "Vérifiez le nom de l'agenda dans Google, ou choisissez-le dans la liste des "
        "calendriers du compte (Préférences → Synchronisation).",
        "Check the calendar's name in Google, or pick it from the account's calendar list "
        "(Preferences → Synchronisation).",
    ),
    "calendar_name_empty": Message(
        "Nom du calendrier non renseigné",
        "Calendar name not set",
        "Renseignez le nom de l'agenda Google dans le CRM (Préférences → Synchronisation, "
        "ou `crmsync user set LOGIN --calendar NOM`).",
        "Enter the Google calendar's name in the CRM (Preferences → Synchronisation, "
        "or `crmsync user set LOGIN --calendar NAME`).",
    ),
    "account_info": Message(
        "Les informations sur le compte utilisateur ne sont pas accessibles",
        "The user account information is not accessible",
        "La connexion avec l'application tierce n'est pas bien paramétrée. Vérifiez en tant "
        "qu'administrateur que le paramétrage est correct (service Agenda Google, identifiant "
        "client et code secret), puis, depuis le compte de l'utilisateur, cliquez sur "
        "« Connexion ».",
        "The connection with the third-party application is not set up correctly. As an "
        "administrator, check the settings (Google Calendar service, client id and client "
        "secret), then, from the user's account, click « Connexion ».",
    ),
    "no_calendar": Message(
        "Aucun calendrier n'a été trouvé sur le compte Google",
        "No calendar was found on the Google account",
        "Vérifiez que l'API Google Calendar est activée dans l'application tierce (projet "
        "Google Cloud → API et services → Bibliothèque → Google Calendar API → Activer).",
        "Check that the Google Calendar API is enabled for the third-party application "
        "(Google Cloud project → APIs & Services → Library → Google Calendar API → Enable).",
    ),
    "access_denied": Message(
        "Erreur d'autorisation. 403 access_denied",
        "Authorization error. 403 access_denied",
        "L'utilisateur n'est pas déclaré dans la liste des utilisateurs test : ajoutez son "
        "adresse Google ({email}) aux utilisateurs test de l'écran d'autorisation OAuth du "
        "projet (ou publiez l'application), puis cliquez à nouveau sur « Connexion ».",
        "The user is not in the list of test users: add the Google address ({email}) to the "
        "test users of the project's OAuth consent screen (or publish the app), then click "
        "« Connexion » again.",
    ),
    # --- the connection ----------------------------------------------------------------
    "reconnect_needed": Message(
        "Reconnexion nécessaire : l'autorisation Google a été révoquée ou a expiré. "
        "Cliquez sur « Connexion ».",
        "Reconnection needed: the Google authorisation was revoked or has expired. "
        "Click « Connexion ».",
        "Cliquez sur « Connexion » (ou `crmsync connect --user {login}`) et autorisez à "
        "nouveau l'application.",
        "Click « Connexion » (or `crmsync connect --user {login}`) and authorise the app again.",
    ),
    "client_missing": Message(
        "Identifiant client ou code secret OAuth non renseigné",
        "OAuth client id or client secret not set",
        "Un administrateur renseigne l'identifiant client et le code secret dans Préférences "
        "dossier → Authentification (ou `crmsync settings google --client-id ID "
        "--client-secret-stdin`).",
        "An administrator enters the client id and secret in Folder preferences → "
        "Authentication (or `crmsync settings google --client-id ID --client-secret-stdin`).",
    ),
    "not_connected": Message(
        "Pas encore connecté à Google",
        "Not connected to Google yet",
        "Cliquez sur « Connexion » (ou `crmsync connect --user {login}`).",
        "Click « Connexion » (or `crmsync connect --user {login}`).",
    ),
    "google_email_missing": Message(
        "Adresse Google de l'utilisateur non renseignée",
        "The user's Google address is not set",
        "Renseignez le « Login (email) » Google de l'utilisateur (ou `crmsync user set "
        "{login} --google-email ADRESSE`).",
        "Enter the user's Google « Login (email) » (or `crmsync user set {login} "
        "--google-email ADDRESS`).",
    ),
    "state_mismatch": Message(
        "La réponse d'autorisation ne correspond pas à la demande (paramètre « state » "
        "différent) : elle a été refusée et rien n'a été enregistré",
        "The authorisation answer does not match the request (different « state »): it "
        "was refused and nothing was saved",
        "Recommencez la connexion et collez l'adresse complète affichée par le navigateur "
        "à la fin de cette même connexion.",
        "Start the connection again and paste the full address the browser shows at the "
        "end of that same connection.",
    ),
    "authorisation_failed": Message(
        "Erreur d'autorisation : {error}",
        "Authorization error: {error}",
        "Recommencez la connexion ; si l'erreur persiste, vérifiez l'identifiant client et "
        "le code secret dans les préférences dossier.",
        "Try connecting again; if the error persists, check the client id and secret in "
        "the folder preferences.",
    ),
    "connect_timeout": Message(
        "Aucune réponse du navigateur après {seconds} secondes : connexion abandonnée",
        "No answer from the browser after {seconds} seconds: connection abandoned",
        "Recommencez et terminez l'autorisation dans le navigateur. Si Google affiche "
        "« Erreur d'autorisation. 403 access_denied », ajoutez l'adresse aux utilisateurs "
        "test de l'écran d'autorisation OAuth. Sinon, essayez la connexion manuelle.",
        "Start again and finish the authorisation in the browser. If Google shows "
        "« Authorization error. 403 access_denied », add the address to the OAuth consent "
        "screen's test users. Otherwise try the manual connection.",
    ),
    "scope_missing": Message(
        "Autorisation incomplète : l'accès {what} n'a pas été accordé",
        "Incomplete authorisation: access to {what} was not granted",
        "Cliquez sur « Connexion » et cochez toutes les autorisations demandées.",
        "Click « Connexion » and tick every permission asked for.",
    ),
    "connected": Message(
        "Connexion établie avec le compte Google {email}",
        "Connected to the Google account {email}",
    ),
    "email_mismatch": Message(
        "Le compte Google autorisé ({account}) n'est pas celui renseigné pour l'utilisateur "
        "({expected})",
        "The authorised Google account ({account}) is not the one set for the user ({expected})",
        "Si c'est une erreur, cliquez sur « Réinitialisation » puis « Connexion » et "
        "choisissez le compte {expected} ; sinon corrigez le « Login (email) ».",
        "If this is a mistake, click « Réinitialisation » then « Connexion » and choose "
        "the account {expected}; otherwise correct the « Login (email) ».",
    ),
    "network": Message(
        "Google ne répond pas : {error}",
        "Google does not answer: {error}",
        "Vérifiez la connexion Internet (ou le proxy), puis recommencez.",
        "Check the Internet connection (or the proxy), then try again.",
    ),
    "google_error": Message(
        "Google a refusé la demande : {error}",
        "Google refused the request: {error}",
        "Recommencez plus tard ; si l'erreur persiste, lancez « Tester ».",
        "Try again later; if the error persists, run « Tester ».",
    ),
    # --- status light ------------------------------------------------------------------
    "status_verified": Message(
        "Connecté au compte Google {email} et vérifié",
        "Connected to the Google account {email} and verified",
    ),
    "status_unverified": Message(
        "Connecté au compte Google {email} ; pas encore vérifié",
        "Connected to the Google account {email}; not verified yet",
        "Cliquez sur « Tester ».",
        "Click « Tester ».",
    ),
    "testing_consent": Message(
        "Écran d'autorisation en mode « Test » : l'autorisation cessera de fonctionner le {date}",
        "Consent screen in « Testing » mode: the authorisation stops working on {date}",
        "Publiez l'application (statut « En production ») dans le projet Google Cloud, ou "
        "cliquez à nouveau sur « Connexion » avant cette date.",
        "Publish the app (status « In production ») in the Google Cloud project, or click "
        "« Connexion » again before that date.",
    ),
    "testing_consent_expired": Message(
        "Écran d'autorisation en mode « Test » : l'autorisation a expiré le {date}",
        "Consent screen in « Testing » mode: the authorisation expired on {date}",
        "Cliquez sur « Connexion » ; pour ne plus avoir à le faire chaque semaine, publiez "
        "l'application (statut « En production »).",
        "Click « Connexion »; to stop doing so every week, publish the app (status "
        "« In production »).",
    ),
    "calendar_not_chosen": Message(
        "Connecté, mais aucun calendrier choisi",
        "Connected, but no calendar chosen",
        "Choisissez le calendrier dans Préférences → Synchronisation (ou `crmsync "
        "calendars --user {login}` puis `crmsync user set {login} --calendar NOM`).",
        "Choose the calendar in Preferences → Synchronisation (or `crmsync calendars "
        "--user {login}` then `crmsync user set {login} --calendar NAME`).",
    ),
    # --- Tester: the checks that pass --------------------------------------------------
    "check_client": Message(
        "Paramètres du client OAuth présents",
        "OAuth client settings present",
    ),
    "check_token": Message("Jeton d'accès renouvelé", "Access token refreshed"),
    "check_account": Message("Compte Google : {email}", "Google account: {email}"),
    "check_calendar_api": Message(
        "API Google Calendar accessible ({count} calendrier(s))",
        "Google Calendar API reachable ({count} calendar(s))",
    ),
    "check_calendar_name": Message("Nom du calendrier : « {name} »", "Calendar name: « {name} »"),
    "check_calendar_found": Message(
        "Calendrier « {name} » trouvé, modifiable ({role})",
        "Calendar « {name} » found, writable ({role})",
    ),
    "check_people_api": Message(
        "API Google People (Contacts) accessible", "Google People API (Contacts) reachable"
    ),
    "check_skipped": Message("Non vérifié", "Not checked"),
    "all_passed": Message(
        "Tous les tests sont passés : la synchronisation Google est prête",
        "Every check passed: Google sync is ready",
    ),
    # --- Tester: the checks that fail that FTC019 does not name ------------------------
    "calendar_read_only": Message(
        "Le calendrier « {name} » est en lecture seule pour ce compte (droit : {role})",
        "The calendar « {name} » is read-only for this account (access: {role})",
        "Choisissez un calendrier dont le compte est propriétaire, ou demandez à son "
        "propriétaire de le partager avec le droit « Modifier les événements ».",
        "Choose a calendar the account owns, or ask its owner to share it with "
        "« Make changes to events ».",
    ),
    "people_unreachable": Message(
        "Les contacts Google ne sont pas accessibles",
        "Google Contacts are not accessible",
        "Vérifiez que l'API Google People est activée dans l'application tierce (projet "
        "Google Cloud → API et services → Bibliothèque → People API → Activer).",
        "Check that the Google People API is enabled for the third-party application "
        "(Google Cloud project → APIs & Services → Library → People API → Enable).",
    ),
    # --- secrets -----------------------------------------------------------------------
    "no_secure_store": Message(
        "Aucun trousseau sécurisé (keyring) n'est disponible sur ce poste : les jetons "
        "Google ne peuvent pas y être rangés",
        "No secure keyring is available on this computer: the Google tokens cannot be kept in it",
        "Installez un trousseau (GNOME Keyring, KWallet…), ou acceptez explicitement un "
        "fichier protégé (0600) dans le dossier de données : `crmsync settings secrets "
        "--file-store`, ou la variable d'environnement CRMSYNC_SECRET_STORE=file.",
        "Install a keyring (GNOME Keyring, KWallet…), or explicitly accept a protected "
        "(0600) file in the data folder: `crmsync settings secrets --file-store`, or the "
        "environment variable CRMSYNC_SECRET_STORE=file.",
    ),
}
register(CATALOGUE)

#: What the Google connection says is said the one way crmsync says things.
Said = Text


def language(explicit: str | None = None) -> str:
    """The language to speak: crmsync's one choice (:func:`crmsync.i18n.current_language`)."""
    return i18n.current_language(explicit)
