<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Google (services en ligne)</source>
        <translation>Google (online services)</translation>
    </message>
    <message>
        <source>Émulateur local : {url}</source>
        <translation>Local emulator: {url}</translation>
    </message>
    <message>
        <source>Point d&apos;accès : {url}</source>
        <translation>Endpoint: {url}</translation>
    </message>
    <message>
        <source>À propos de crmsync</source>
        <translation>About crmsync</translation>
    </message>
    <message>
        <source>Synchronise l&apos;agenda du CRM avec Google Agenda, dans les deux sens, et envoie ses contacts vers Google Contacts.</source>
        <translation>Keeps the CRM&apos;s agenda in two-way sync with Google Calendar and sends its contacts to Google Contacts.</translation>
    </message>
    <message>
        <source>Version :</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Base de données :</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Google :</source>
        <translation>Google:</translation>
    </message>
    <message>
        <source>Licence :</source>
        <translation>Licence:</translation>
    </message>
    <message>
        <source>Qt :</source>
        <translation>Qt:</translation>
    </message>
</context>
<context>
    <name>AgendaTablePage</name>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Privé</source>
        <translation>Private</translation>
    </message>
    <message>
        <source>Rappel</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Série</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Utilisateur :</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Nombre d&apos;actions : %1</source>
        <translation>Actions: %1</translation>
    </message>
</context>
<context>
    <name>ContactsTablePage</name>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Société</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Fonction</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Portable</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Nombre de contacts : %1</source>
        <translation>Contacts: %1</translation>
    </message>
</context>
<context>
    <name>DeletionDialog</name>
    <message>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>L&apos;évènement &lt;b&gt;{title}&lt;/b&gt; ({when}) a été supprimé dans Google Agenda.&lt;br&gt;Supprimer aussi l&apos;action dans l&apos;agenda de {who} ?</source>
        <translation>The event &lt;b&gt;{title}&lt;/b&gt; ({when}) was deleted in Google Calendar.&lt;br&gt;Delete the action from {who}&apos;s agenda too?</translation>
    </message>
    <message>
        <source>Suppression dans Google Agenda</source>
        <translation>Deleted in Google Calendar</translation>
    </message>
    <message>
        <source>Maintenez la touche Ctrl en cliquant sur « Oui » pour supprimer toutes les actions en une seule fois.</source>
        <translation>Hold Ctrl while clicking “Yes” to delete all the actions at once.</translation>
    </message>
    <message>
        <source>&amp;Oui</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <source>&amp;Non</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Oui pour &amp;tout</source>
        <translation>Yes to &amp;all</translation>
    </message>
</context>
<context>
    <name>FolderPrefsDialog</name>
    <message>
        <source>Agenda Google</source>
        <translation>Google Calendar</translation>
    </message>
    <message>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Le code secret est rangé dans : {store}</source>
        <translation>The client secret is kept in: {store}</translation>
    </message>
    <message>
        <source>Collez le code secret du client</source>
        <translation>Paste the client secret</translation>
    </message>
    <message>
        <source>Code secret non enregistré</source>
        <translation>Client secret not saved</translation>
    </message>
    <message>
        <source>Préférences dossier</source>
        <translation>Folder preferences</translation>
    </message>
    <message>
        <source>Authentification</source>
        <translation>Authentication</translation>
    </message>
    <message>
        <source>Service :</source>
        <translation>Service:</translation>
    </message>
    <message>
        <source>Identifiant client :</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <source>…apps.googleusercontent.com</source>
        <translation>…apps.googleusercontent.com</translation>
    </message>
    <message>
        <source>Code secret du client :</source>
        <translation>Client secret:</translation>
    </message>
    <message>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Retirer le code secret enregistré du trousseau</source>
        <translation>Remove the stored client secret from the keyring</translation>
    </message>
    <message>
        <source>Clef API (facultative) :</source>
        <translation>API key (optional):</translation>
    </message>
    <message>
        <source>Écran de consentement en mode « Test » (les autorisations expirent après 7 jours)</source>
        <translation>Consent screen in “Testing” mode (authorisations expire after 7 days)</translation>
    </message>
    <message>
        <source>Ranger les secrets dans un fichier protégé (lisible par moi seul) du dossier de données</source>
        <translation>Keep the secrets in a protected file (readable by me only) in the data folder</translation>
    </message>
    <message>
        <source>Général</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Langue de l&apos;interface :</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>Relève Google toutes les :</source>
        <translation>Check Google every:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Jamais</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Libellé des contacts synchronisés :</source>
        <translation>Label of synced contacts:</translation>
    </message>
    <message>
        <source>La langue choisie s&apos;applique aussi à la ligne de commande ; elle prend effet au prochain démarrage des autres postes.</source>
        <translation>The language chosen applies to the command line too; other computers switch at their next start.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Dossier</source>
        <translation>F&amp;older</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Prospection</source>
        <translation>&amp;Prospecting</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Préférences dossier…</source>
        <translation>Folder &amp;preferences…</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Utilisateurs…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <source>&amp;Synchronisation…</source>
        <translation>&amp;Synchronisation…</translation>
    </message>
    <message>
        <source>&amp;Journal de synchronisation</source>
        <translation>Sync &amp;log</translation>
    </message>
    <message>
        <source>À &amp;propos</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>administrateur</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>Utilisateur : {user}</source>
        <translation>User: {user}</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Synchronisation terminée</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <source>Échec de la synchronisation de {name}</source>
        <translation>Sync of {name} failed</translation>
    </message>
    <message>
        <source>Cliquez pour ouvrir le journal de synchronisation.</source>
        <translation>Click to open the sync log.</translation>
    </message>
    <message>
        <source>Synchronisation de {names}…</source>
        <translation>Syncing {names}…</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <source>CRM → Google</source>
        <translation>CRM → Google</translation>
    </message>
    <message>
        <source>Google → CRM</source>
        <translation>Google → CRM</translation>
    </message>
    <message>
        <source>Création</source>
        <translation>Creation</translation>
    </message>
    <message>
        <source>Modification</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Suppression</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <source>Changement de calendrier</source>
        <translation>Calendar change</translation>
    </message>
    <message>
        <source>Conflit</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>Lien retiré</source>
        <translation>Unlinked</translation>
    </message>
    <message>
        <source>Garde-fou</source>
        <translation>Safeguard</translation>
    </message>
    <message>
        <source>Modifié entre-temps</source>
        <translation>Changed meanwhile</translation>
    </message>
    <message>
        <source>Ignoré</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Réussi</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Conservé</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>En attente</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Reporté</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>Le CRM l&apos;emporte</source>
        <translation>CRM wins</translation>
    </message>
    <message>
        <source>Google l&apos;emporte</source>
        <translation>Google wins</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Sens</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Élément</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Opération</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Résultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Action du CRM</source>
        <translation>CRM action</translation>
    </message>
    <message>
        <source>Évènement Google</source>
        <translation>Google event</translation>
    </message>
    <message>
        <source>Champs</source>
        <translation>Fields</translation>
    </message>
</context>
<context>
    <name>SyncLogWindow</name>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Réussis</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Erreurs</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Ignorés, refusés ou en attente</source>
        <translation>Skipped, refused or waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n ligne(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Journal de synchronisation</source>
        <translation>Sync log</translation>
    </message>
    <message>
        <source>Utilisateur :</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Du :</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>au :</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Résultat :</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Choisissez une ligne pour en voir le détail.</source>
        <translation>Pick a line to see its details.</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Échec de la synchronisation de {name}</source>
        <translation>Sync of {name} failed</translation>
    </message>
</context>
</TS>
