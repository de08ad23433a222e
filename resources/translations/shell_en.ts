<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../crmsync/gui/about.py" line="55"/>
        <source>Google (services en ligne)</source>
        <translation>Google (online services)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/about.py" line="59"/>
        <source>Émulateur local : {url}</source>
        <translation>Local emulator: {url}</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/about.py" line="60"/>
        <source>Point d&apos;accès : {url}</source>
        <translation>Endpoint: {url}</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="9"/>
        <source>À propos de crmsync</source>
        <translation>About crmsync</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="34"/>
        <source>Synchronise l&apos;agenda du CRM avec Google Agenda, dans les deux sens, et envoie ses contacts vers Google Contacts.</source>
        <translation>Keeps the CRM&apos;s agenda in two-way sync with Google Calendar and sends its contacts to Google Contacts.</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="48"/>
        <source>Version :</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="56"/>
        <source>Base de données :</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="65"/>
        <source>Google :</source>
        <translation>Google:</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="74"/>
        <source>Licence :</source>
        <translation>Licence:</translation>
    </message>
    <message>
        <location filename="../../ui/about.ui" line="80"/>
        <source>Qt :</source>
        <translation>Qt:</translation>
    </message>
</context>
<context>
    <name>AgendaTablePage</name>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="123"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="126"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="127"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="128"/>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="129"/>
        <source>Lieu</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="131"/>
        <source>Privé</source>
        <translation>Private</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="135"/>
        <source>Rappel</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="139"/>
        <source>Série</source>
        <translation>Series</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="153"/>
        <source>Utilisateur :</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="219"/>
        <source>Nombre d&apos;actions : %1</source>
        <translation>Actions: %1</translation>
    </message>
</context>
<context>
    <name>ContactsTablePage</name>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="232"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="236"/>
        <source>Société</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="239"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="240"/>
        <source>Fonction</source>
        <translation>Job title</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="241"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="242"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="243"/>
        <source>Portable</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="244"/>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="246"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/tables.py" line="283"/>
        <source>Nombre de contacts : %1</source>
        <translation>Contacts: %1</translation>
    </message>
</context>
<context>
    <name>DeletionDialog</name>
    <message>
        <location filename="../../crmsync/gui/deletion_dialog.py" line="39"/>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/deletion_dialog.py" line="44"/>
        <source>L&apos;évènement &lt;b&gt;{title}&lt;/b&gt; ({when}) a été supprimé dans Google Agenda.&lt;br&gt;Supprimer aussi l&apos;action dans l&apos;agenda de {who} ?</source>
        <translation>The event &lt;b&gt;{title}&lt;/b&gt; ({when}) was deleted in Google Calendar.&lt;br&gt;Delete the action from {who}&apos;s agenda too?</translation>
    </message>
    <message>
        <location filename="../../ui/deletion.ui" line="9"/>
        <source>Suppression dans Google Agenda</source>
        <translation>Deleted in Google Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/deletion.ui" line="39"/>
        <source>Maintenez la touche Ctrl en cliquant sur « Oui » pour supprimer toutes les actions en une seule fois.</source>
        <translation>Hold Ctrl while clicking “Yes” to delete all the actions at once.</translation>
    </message>
    <message>
        <location filename="../../ui/deletion.ui" line="64"/>
        <source>&amp;Oui</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <location filename="../../ui/deletion.ui" line="70"/>
        <source>&amp;Non</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <location filename="../../ui/deletion.ui" line="75"/>
        <source>Oui pour &amp;tout</source>
        <translation>Yes to &amp;all</translation>
    </message>
</context>
<context>
    <name>FolderPrefsDialog</name>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="58"/>
        <source>Agenda Google</source>
        <translation>Google Calendar</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="59"/>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="81"/>
        <source>Le code secret est rangé dans : {store}</source>
        <translation>The client secret is kept in: {store}</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="103"/>
        <source>un fichier protégé, lisible par vous seul ({path})</source>
        <translation>a protected file only you can read ({path})</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="107"/>
        <source>le trousseau du système ({name})</source>
        <translation>the system keyring ({name})</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="130"/>
        <source>Collez le code secret du client</source>
        <translation>Paste the client secret</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/folder_prefs.py" line="175"/>
        <source>Code secret non enregistré</source>
        <translation>Client secret not saved</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="9"/>
        <source>Préférences dossier</source>
        <translation>Folder preferences</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="16"/>
        <source>Authentification</source>
        <translation>Authentication</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="24"/>
        <source>Service :</source>
        <translation>Service:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="33"/>
        <source>Identifiant client :</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="39"/>
        <source>…apps.googleusercontent.com</source>
        <translation>…apps.googleusercontent.com</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="44"/>
        <source>Code secret du client :</source>
        <translation>Client secret:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="57"/>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="58"/>
        <source>Retirer le code secret enregistré du trousseau</source>
        <translation>Remove the stored client secret from the keyring</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="65"/>
        <source>Clef API (facultative) :</source>
        <translation>API key (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="74"/>
        <source>Écran de consentement en mode « Test » (les autorisations expirent après 7 jours)</source>
        <translation>Consent screen in “Testing” mode (authorisations expire after 7 days)</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="87"/>
        <source>Ranger les secrets dans un fichier protégé (lisible par moi seul) du dossier de données</source>
        <translation>Keep the secrets in a protected file (readable by me only) in the data folder</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="99"/>
        <source>Général</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="107"/>
        <source>Langue de l&apos;interface :</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="116"/>
        <source>Relève Google toutes les :</source>
        <translation>Check Google every:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="122"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="125"/>
        <source>Jamais</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="130"/>
        <source>Libellé des contacts synchronisés :</source>
        <translation>Label of synced contacts:</translation>
    </message>
    <message>
        <location filename="../../ui/folder_prefs.ui" line="143"/>
        <source>La langue choisie s&apos;applique aussi à la ligne de commande ; elle prend effet au prochain démarrage des autres postes.</source>
        <translation>The language chosen applies to the command line too; other computers switch at their next start.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="145"/>
        <source>&amp;Dossier</source>
        <translation>F&amp;older</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="146"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="147"/>
        <source>&amp;Prospection</source>
        <translation>&amp;Prospecting</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="148"/>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="149"/>
        <source>&amp;Préférences dossier…</source>
        <translation>Folder &amp;preferences…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="150"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="151"/>
        <source>&amp;Utilisateurs…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="152"/>
        <source>&amp;Agenda</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="153"/>
        <source>&amp;Contacts</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="154"/>
        <source>&amp;Synchronisation…</source>
        <translation>&amp;Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="155"/>
        <source>&amp;Journal de synchronisation</source>
        <translation>Sync &amp;log</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="156"/>
        <source>À &amp;propos</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="157"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="158"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="169"/>
        <source>administrateur</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/main_window.py" line="170"/>
        <source>Utilisateur : {user}</source>
        <translation>User: {user}</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../crmsync/gui/status_bar.py" line="95"/>
        <source>Synchronisation terminée</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_bar.py" line="112"/>
        <source>Échec de la synchronisation de {name}</source>
        <translation>Sync of {name} failed</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_bar.py" line="115"/>
        <source>Cliquez pour ouvrir le journal de synchronisation.</source>
        <translation>Click to open the sync log.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_bar.py" line="138"/>
        <source>Synchronisation de {names}…</source>
        <translation>Syncing {names}…</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="48"/>
        <source>CRM → Google</source>
        <translation>CRM → Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="50"/>
        <source>Google → CRM</source>
        <translation>Google → CRM</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="56"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="57"/>
        <source>Création</source>
        <translation>Creation</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="58"/>
        <source>Modification</source>
        <translation>Update</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="59"/>
        <source>Suppression</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="60"/>
        <source>Changement de calendrier</source>
        <translation>Calendar change</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="61"/>
        <source>Conflit</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="62"/>
        <source>Lien retiré</source>
        <translation>Unlinked</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="63"/>
        <source>Garde-fou</source>
        <translation>Safeguard</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="64"/>
        <source>Modifié entre-temps</source>
        <translation>Changed meanwhile</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="65"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="78"/>
        <source>Ignoré</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="66"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="76"/>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="68"/>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="73"/>
        <source>Réussi</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="74"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="75"/>
        <source>Conservé</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="77"/>
        <source>En attente</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="79"/>
        <source>Reporté</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="80"/>
        <source>Le CRM l&apos;emporte</source>
        <translation>CRM wins</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="81"/>
        <source>Google l&apos;emporte</source>
        <translation>Google wins</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="181"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="226"/>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="182"/>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="183"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="229"/>
        <source>Sens</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="184"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="235"/>
        <source>Élément</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="185"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="231"/>
        <source>Opération</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="186"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="234"/>
        <source>Résultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="187"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="245"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="237"/>
        <source>Action du CRM</source>
        <translation>CRM action</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="240"/>
        <source>Évènement Google</source>
        <translation>Google event</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="252"/>
        <source>Champs</source>
        <translation>Fields</translation>
    </message>
</context>
<context>
    <name>SyncLogWindow</name>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="285"/>
        <location filename="../../crmsync/gui/sync_log_window.py" line="289"/>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="290"/>
        <source>Réussis</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="291"/>
        <source>Erreurs</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="292"/>
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_log_window.py" line="293"/>
        <source>Ignorés, refusés ou en attente</source>
        <translation>Skipped, refused or waiting</translation>
    </message>
    <message numerus="yes">
        <location filename="../../crmsync/gui/sync_log_window.py" line="353"/>
        <source>%n ligne(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="9"/>
        <source>Journal de synchronisation</source>
        <translation>Sync log</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="17"/>
        <source>Utilisateur :</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="28"/>
        <source>Du :</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="39"/>
        <source>au :</source>
        <translation>to:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="50"/>
        <source>Résultat :</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="65"/>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/sync_log.ui" line="84"/>
        <source>Choisissez une ligne pour en voir le détail.</source>
        <translation>Pick a line to see its details.</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../crmsync/gui/status_bar.py" line="165"/>
        <source>Échec de la synchronisation de {name}</source>
        <translation>Sync of {name} failed</translation>
    </message>
</context>
</TS>
