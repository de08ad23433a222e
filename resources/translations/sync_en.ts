<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ContactDropTable</name>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="114"/>
        <source>Société</source>
        <extracomment>What the contact list puts on a drag: a JSON list of contact ids. Contacts one user may sync to Google (FTC019 §3.6).</extracomment>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="114"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="114"/>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="197"/>
        <source>Ajouter…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="199"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>ContactPickerDialog</name>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="253"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="254"/>
        <source>Société</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="255"/>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="256"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="268"/>
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="269"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_to_sync.py" line="282"/>
        <source>%1 contact(s) affiché(s), %2 sélectionné(s)</source>
        <translation>%1 contact(s) shown, %2 selected</translation>
    </message>
    <message>
        <location filename="../../ui/contact_picker.ui" line="8"/>
        <source>Ajouter des contacts à synchroniser</source>
        <translation>Add contacts to sync</translation>
    </message>
    <message>
        <location filename="../../ui/contact_picker.ui" line="12"/>
        <source>Rechercher (nom, société, ville, e-mail)…</source>
        <translation>Search (name, company, city, e-mail)…</translation>
    </message>
</context>
<context>
    <name>ManualConnectionDialog</name>
    <message>
        <location filename="../../crmsync/gui/manual_connection.py" line="43"/>
        <source>Connecter</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/manual_connection.py" line="44"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/manual_connection.py" line="54"/>
        <source>Adresse copiée dans le presse-papiers.</source>
        <translation>Address copied to the clipboard.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/manual_connection.py" line="68"/>
        <source>Collez l&apos;adresse complète, qui commence par http://127.0.0.1</source>
        <translation>Paste the whole address, which starts with http://127.0.0.1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/manual_connection.py" line="76"/>
        <source>Cette adresse ne contient pas de code d&apos;autorisation : copiez celle de la page où le navigateur s&apos;est arrêté, après avoir cliqué sur « Autoriser ».</source>
        <translation>This address holds no authorisation code: copy the address of the page where the browser stopped, after clicking “Allow”.</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="8"/>
        <source>Connexion manuelle</source>
        <translation>Manual connection</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="12"/>
        <source>1. Ouvrez cette adresse dans un navigateur, sur n&apos;importe quel ordinateur, et autorisez crmsync :</source>
        <translation>1. Open this address in a browser, on any computer, and authorise crmsync:</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="25"/>
        <source>Copier</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="30"/>
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="44"/>
        <source>2. Le navigateur s&apos;arrête sur une page qui ne s&apos;affiche pas : c&apos;est normal. Copiez l&apos;adresse complète de cette page et collez-la ici :</source>
        <translation>2. The browser stops on a page that does not load: that is expected. Copy the whole address of that page and paste it here:</translation>
    </message>
    <message>
        <location filename="../../ui/manual_connection.ui" line="50"/>
        <source>http://127.0.0.1:…/?state=…&amp;code=…</source>
        <translation>http://127.0.0.1:…/?state=…&amp;code=…</translation>
    </message>
</context>
<context>
    <name>StatusLight</name>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="105"/>
        <source>Voyant de connexion</source>
        <translation>Connection light</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="147"/>
        <source>Non configuré</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="148"/>
        <source>Connecté</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="149"/>
        <source>À vérifier</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="150"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>SyncLanguage</name>
    <message>
        <location filename="../../crmsync/gui/status_light.py" line="35"/>
        <source>fr</source>
        <extracomment>Fill colours of the light (close to the usual traffic-light hues, readable on white).</extracomment>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>SyncPrefsPage</name>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="201"/>
        <source>La modification la plus récente l&apos;emporte</source>
        <extracomment>Interfaces offered in « Type d&apos;interface » (one today; the combo leaves room for others). The user&apos;s light changed (after Connexion, Tester, a reset): (user id, colour). Opens the consent page or the manual address (tests hand in a browser stand-in).</extracomment>
        <translation>The most recent change wins</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="205"/>
        <source>Le CRM l&apos;emporte</source>
        <translation>The CRM wins</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="206"/>
        <source>Google l&apos;emporte</source>
        <translation>Google wins</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="286"/>
        <source>L&apos;adresse « %1 » n&apos;est pas une adresse e-mail : saisissez l&apos;adresse Google de l&apos;utilisateur, par exemple nom@gmail.com.</source>
        <translation>“%1” is not an e-mail address: enter the user&apos;s Google address, for example name@gmail.com.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="336"/>
        <source>Calendrier principal du compte</source>
        <translation>The account&apos;s primary calendar</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="489"/>
        <source>Connexion manuelle en cours…</source>
        <translation>Manual connection in progress…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="491"/>
        <source>Autorisez crmsync dans la page Google ouverte dans votre navigateur…</source>
        <translation>Authorise crmsync on the Google page opened in your browser…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="519"/>
        <source>Annulation de la connexion…</source>
        <translation>Cancelling the connection…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="552"/>
        <source>Connexion annulée : rien n&apos;a été enregistré.</source>
        <translation>Connection cancelled: nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="623"/>
        <source>Test en cours…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="656"/>
        <source>Tous les tests sont passés.</source>
        <translation>Every check passed.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="658"/>
        <source>Le test a trouvé un problème : voir ci-dessous.</source>
        <translation>The test found a problem: see below.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="682"/>
        <location filename="../../ui/sync_prefs.ui" line="101"/>
        <source>Réinitialisation Cal.</source>
        <translation>Calendar reset</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="683"/>
        <source>Oublier les liens entre l&apos;agenda de %1 et son calendrier Google ?</source>
        <translation>Forget the links between %1&apos;s agenda and the Google calendar?</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="686"/>
        <source>Ce qui est oublié : le lien de chaque action avec son événement et l&apos;état de la dernière synchronisation de l&apos;agenda.

Ce qui reste : les événements restent dans Google, les actions dans le CRM, la connexion au compte et les contacts. La prochaine synchronisation relie de nouveau les événements à leurs actions, sans doublon. À utiliser pour changer de calendrier.</source>
        <translation>What is forgotten: the link of each action with its event, and the state of the last agenda sync.

What stays: the events stay in Google, the actions in the CRM, the account connection and the contacts. The next sync links the events to their actions again, without duplicates. Use it to change calendars.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="695"/>
        <location filename="../../ui/sync_prefs.ui" line="96"/>
        <source>Réinitialisation</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="696"/>
        <source>Oublier le compte Google de %1 ? L&apos;autorisation donnée à crmsync sera révoquée.</source>
        <translation>Forget %1&apos;s Google account? The authorisation given to crmsync will be revoked.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="700"/>
        <source>Ce qui est oublié : l&apos;autorisation (le jeton), le compte connecté et tous les liens de synchronisation de l&apos;agenda et des contacts.

Ce qui reste : les événements et les contacts restent dans Google, les actions et les contacts dans le CRM, ainsi que les options de cette page. Après une nouvelle « Connexion », la synchronisation relie de nouveau les éléments existants, sans doublon. À utiliser pour changer de compte Google.</source>
        <translation>What is forgotten: the authorisation (the token), the connected account and every sync link of the agenda and the contacts.

What stays: the events and contacts stay in Google, the actions and contacts in the CRM, and the options of this page. After a new “Connexion”, the sync links the existing items again, without duplicates. Use it to change Google accounts.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="712"/>
        <source>Réinitialiser</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="761"/>
        <source>Liens du calendrier oubliés (%1).</source>
        <translation>Calendar links forgotten (%1).</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="767"/>
        <source>Compte Google oublié, autorisation révoquée, %1 liens oubliés.</source>
        <translation>Google account forgotten, authorisation revoked, %1 links forgotten.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="774"/>
        <source>Compte Google oublié, %1 liens oubliés. Google n&apos;a pas pu être joint pour révoquer l&apos;autorisation : retirez crmsync des applications autorisées du compte Google.</source>
        <translation>Google account forgotten, %1 links forgotten. Google could not be reached to revoke the authorisation: remove crmsync from the apps authorised on the Google account.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="798"/>
        <source>Nombre de contacts : %1 / %2</source>
        <translation>Number of contacts: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="804"/>
        <source>Dernière synchronisation des contacts : %1</source>
        <translation>Last contacts sync: %1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="806"/>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="817"/>
        <source>%1 contact(s) ajouté(s).</source>
        <translation>%1 contact(s) added.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="823"/>
        <source>%1 déjà dans la liste.</source>
        <translation>%1 already in the list.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="831"/>
        <source> et %1 autre(s)</source>
        <translation> and %1 more</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="835"/>
        <source>La liste est limitée à %1 contacts par utilisateur : %2 contact(s) non ajouté(s) : %3. Retirez des contacts de la liste pour en ajouter d&apos;autres.</source>
        <translation>The list is limited to %1 contacts per user: %2 contact(s) not added: %3. Remove contacts from the list to add others.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_prefs.py" line="854"/>
        <source>%1 contact(s) retiré(s) de la liste (ils restent dans Google).</source>
        <translation>%1 contact(s) removed from the list (they stay in Google).</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="11"/>
        <source>Connexion au service</source>
        <translation>Connection to the service</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="18"/>
        <source>Type d&apos;interface :</source>
        <translation>Interface type:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="31"/>
        <source>Synchronisation active</source>
        <translation>Sync enabled</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="43"/>
        <source>Login (e-mail) :</source>
        <translation>Login (e-mail):</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="51"/>
        <source>adresse Google de l&apos;utilisateur</source>
        <translation>the user&apos;s Google address</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="71"/>
        <source>Connexion</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="76"/>
        <source>Connexion manuelle…</source>
        <translation>Manual connection…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="81"/>
        <source>Annuler la connexion</source>
        <translation>Cancel the connection</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="86"/>
        <source>Tester</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="119"/>
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="129"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="136"/>
        <source>Calendrier :</source>
        <translation>Calendar:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="151"/>
        <source>Lire la liste des calendriers du compte Google</source>
        <translation>Read the Google account&apos;s calendar list</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="158"/>
        <source>Période :</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="165"/>
        <source> mois avant</source>
        <translation> months before</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="171"/>
        <source> mois après</source>
        <translation> months after</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="184"/>
        <source>Options :</source>
        <translation>Options:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="191"/>
        <source>Automatique</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="192"/>
        <source>Envoie vers Google chaque action ajoutée, modifiée, déplacée, dupliquée ou supprimée (pas les actions séries).</source>
        <translation>Sends to Google every action added, edited, moved, duplicated or deleted (not series actions).</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="197"/>
        <source>Au démarrage</source>
        <translation>At start-up</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="198"/>
        <source>Reprend les changements de Google à l&apos;ouverture du logiciel.</source>
        <translation>Takes in the changes made in Google when the application opens.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="203"/>
        <source>Actions séries</source>
        <translation>Series actions</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="204"/>
        <source>Prend en compte les événements récurrents de Google.</source>
        <translation>Takes Google&apos;s recurring events into account.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="209"/>
        <source>Transfert couleur Actions</source>
        <translation>Transfer action colours</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="210"/>
        <source>Donne à l&apos;événement Google la couleur la plus proche de celle du type d&apos;action.</source>
        <translation>Gives the Google event the colour nearest to the action type&apos;s.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="217"/>
        <source>En cas de conflit :</source>
        <translation>On a conflict:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="228"/>
        <source>Calendrier par site (vide : le calendrier ci-dessus) :</source>
        <translation>Calendar per site (empty: the calendar above):</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="238"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="239"/>
        <source>Calendrier</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="253"/>
        <source>Contacts à synchroniser</source>
        <translation>Contacts to sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="264"/>
        <source>Ajouter…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_prefs.ui" line="269"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>SyncWizard</name>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="64"/>
        <source>Créations dans Google</source>
        <extracomment>Progress reports closer together than this update the bars once (a long run on a fast connection reports after every batch; the bars need no more than a few repaints a second). Operations listed under each kind in the preview; the rest are counted.</extracomment>
        <translation>Created in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="65"/>
        <source>Séries créées dans Google</source>
        <translation>Series created in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="68"/>
        <source>Modifications dans Google</source>
        <translation>Updated in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="71"/>
        <source>Suppressions dans Google</source>
        <translation>Deleted in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="74"/>
        <source>Déplacements vers un autre calendrier</source>
        <translation>Moved to another calendar</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="77"/>
        <source>Créations dans le CRM</source>
        <translation>Created in the CRM</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="78"/>
        <source>Modifications dans le CRM</source>
        <translation>Updated in the CRM</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="79"/>
        <source>Suppressions dans le CRM (supprimées dans Google)</source>
        <translation>Deleted in the CRM (deleted in Google)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="82"/>
        <source>Déjà identiques : liens refaits</source>
        <translation>Already the same: linked again</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="85"/>
        <source>Liens retirés</source>
        <translation>Links removed</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="87"/>
        <source>Suppressions retenues par le garde-fou</source>
        <translation>Deletions held back by the guard</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="90"/>
        <source>Détachées (suppression refusée)</source>
        <translation>Detached (deletion refused)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="93"/>
        <source>Suppressions en attente de réponse</source>
        <translation>Deletions waiting for an answer</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="117"/>
        <source>estimation…</source>
        <translation>estimating…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="121"/>
        <source>reste %1 s</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="125"/>
        <source>reste %1 min %2 s</source>
        <translation>%1 min %2 s left</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="131"/>
        <source>reste %1 h %2 min</source>
        <translation>%1 h %2 min left</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="145"/>
        <source>Google : +%1 ~%2 −%3</source>
        <translation>Google: +%1 ~%2 −%3</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="149"/>
        <source>CRM : +%1 ~%2 −%3</source>
        <translation>CRM: +%1 ~%2 −%3</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="156"/>
        <source>%1 conflit(s)</source>
        <translation>%1 conflict(s)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="162"/>
        <source>%1 hors limite</source>
        <translation>%1 over the cap</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="173"/>
        <source>Synchronisation désactivée dans ses préférences</source>
        <translation>Sync disabled in his preferences</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="247"/>
        <source>Me demander pour chacune</source>
        <translation>Ask me for each</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="249"/>
        <source>Les supprimer aussi dans le CRM</source>
        <translation>Delete them in the CRM too</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="251"/>
        <source>Les garder dans le CRM</source>
        <translation>Keep them in the CRM</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="350"/>
        <source>lecture des deux côtés…</source>
        <translation>reading both sides…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="355"/>
        <source>Aperçu impossible : %1</source>
        <translation>No preview: %1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="365"/>
        <source>Rien à synchroniser</source>
        <translation>Nothing to sync</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="369"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="376"/>
        <source>Calcul de l&apos;aperçu pour %1 utilisateur(s)…</source>
        <translation>Working out the preview for %1 user(s)…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="86"/>
        <source>Hors limite (non synchronisés)</source>
        <translation>Over the cap (not synced)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="96"/>
        <source>Contacts créés dans Google</source>
        <translation>Contacts created in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="97"/>
        <source>Contacts modifiés dans Google</source>
        <translation>Contacts updated in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="98"/>
        <source>Contacts rangés sous le libellé du CRM</source>
        <translation>Contacts put under the CRM&apos;s label</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="101"/>
        <source>Contacts retirés du libellé (ils restent dans Google)</source>
        <translation>Contacts taken off the label (they stay in Google)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="104"/>
        <source>Commentaires repris dans le CRM</source>
        <translation>Comments taken into the CRM</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="107"/>
        <source>Photos envoyées</source>
        <translation>Photos sent</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="108"/>
        <source>Photos retirées dans Google</source>
        <translation>Photos removed in Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="382"/>
        <source>Cliquez sur « Synchroniser » pour lancer la synchronisation.</source>
        <translation>Click “Sync” to start the sync.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="411"/>
        <source>(sans titre)</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="420"/>
        <source>… et %1 autre(s)</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="453"/>
        <source>préparation…</source>
        <translation>preparing…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="472"/>
        <source>envoi et réception…</source>
        <translation>sending and receiving…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="478"/>
        <source>terminé</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="513"/>
        <source>Une synchronisation de cet utilisateur est déjà en cours : réessayez quand elle sera finie.</source>
        <translation>A sync of this user is already running: try again when it has finished.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="533"/>
        <source>arrêt demandé…</source>
        <translation>stop requested…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="537"/>
        <source>Arrêt à la fin du lot en cours…</source>
        <translation>Stopping at the end of the current batch…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="556"/>
        <source>Interrompue : ce qui a été envoyé est enregistré ; la prochaine synchronisation reprendra le reste.</source>
        <translation>Stopped: what was sent is recorded; the next sync will do the rest.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="562"/>
        <source>Terminée avec des erreurs</source>
        <translation>Finished with errors</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="564"/>
        <source>Terminée</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="574"/>
        <source>Échec : %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="583"/>
        <source>%1 synchronisation(s) en cours.</source>
        <translation>%1 sync(s) running.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="589"/>
        <source>Terminé.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="626"/>
        <source>interrompue</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="643"/>
        <source>Erreur : %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="669"/>
        <source>Voir le journal</source>
        <translation>See the log</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="649"/>
        <source>Hors limite (non synchronisé) : %1</source>
        <translation>Over the cap (not synced): %1</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="660"/>
        <source>%1 suppression(s) faites dans Google attendent votre réponse : relancez la synchronisation.</source>
        <translation>%1 deletion(s) made in Google wait for your answer: run the sync again.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="703"/>
        <source>Assistant de synchronisation</source>
        <translation>Sync wizard</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="741"/>
        <location filename="../../crmsync/gui/sync_wizard.py" line="767"/>
        <source>Suivant &gt;</source>
        <extracomment>Answer the engine&apos;s deletion questions here (the app may answer them elsewhere).</extracomment>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="744"/>
        <source>&lt; Précédent</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="747"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="750"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/sync_wizard.py" line="762"/>
        <source>Synchroniser</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>SyncWizardOptionsPage</name>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="5"/>
        <source>Que synchroniser ?</source>
        <translation>What to sync?</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="6"/>
        <source>Choisissez les données et le type de synchronisation.</source>
        <translation>Choose the data and the kind of sync.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="10"/>
        <source>Données</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="14"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="20"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="28"/>
        <source>Type de synchronisation</source>
        <translation>Kind of sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="32"/>
        <source>Normale : seulement ce qui a changé depuis la dernière synchronisation</source>
        <translation>Normal: only what changed since the last sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="38"/>
        <source>Forcée : tout relire et tout comparer sur la période</source>
        <translation>Forced: read and compare everything in the period</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="45"/>
        <source>Première synchronisation des</source>
        <translation>First sync of the last</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="57"/>
        <source>derniers jours</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="72"/>
        <source>Événements supprimés dans Google</source>
        <translation>Events deleted in Google</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_options.ui" line="76"/>
        <source>Actions correspondantes :</source>
        <translation>Their actions:</translation>
    </message>
</context>
<context>
    <name>SyncWizardPreviewPage</name>
    <message>
        <location filename="../../ui/sync_wizard_preview.ui" line="5"/>
        <source>Aperçu</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_preview.ui" line="6"/>
        <source>Ce que la synchronisation va changer. Rien n&apos;est encore modifié.</source>
        <translation>What the sync will change. Nothing is changed yet.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_preview.ui" line="16"/>
        <source>Utilisateur / opération</source>
        <translation>User / operation</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_preview.ui" line="17"/>
        <source>Côté</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_preview.ui" line="18"/>
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>SyncWizardRunPage</name>
    <message>
        <location filename="../../ui/sync_wizard_run.ui" line="5"/>
        <source>Synchronisation en cours</source>
        <translation>Sync running</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_run.ui" line="6"/>
        <source>Vous pouvez continuer à travailler ; « Arrêter » interrompt proprement entre deux lots.</source>
        <translation>You may go on working; “Stop” stops cleanly between two batches.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_run.ui" line="29"/>
        <source>Arrêter</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>SyncWizardSummaryPage</name>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="5"/>
        <source>Résumé</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="6"/>
        <source>Ce que la synchronisation a fait, utilisateur par utilisateur.</source>
        <translation>What the sync did, user by user.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="12"/>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="13"/>
        <source>Créés</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="14"/>
        <source>Modifiés</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="15"/>
        <source>Supprimés</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="16"/>
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="17"/>
        <source>Hors limite</source>
        <translation>Over the cap</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_summary.ui" line="18"/>
        <source>Erreurs</source>
        <translation>Errors</translation>
    </message>
</context>
<context>
    <name>SyncWizardUsersPage</name>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="5"/>
        <source>Utilisateurs à synchroniser</source>
        <translation>Users to sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="6"/>
        <source>Cochez les agendas à synchroniser : le vôtre et ceux que vos droits vous permettent de voir.</source>
        <translation>Tick the agendas to sync: yours and those your rights let you see.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="13"/>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="14"/>
        <source>Connexion Google</source>
        <translation>Google connection</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="21"/>
        <source>Tout cocher</source>
        <translation>Tick all</translation>
    </message>
    <message>
        <location filename="../../ui/sync_wizard_users.ui" line="26"/>
        <source>Tout décocher</source>
        <translation>Untick all</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="66"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="69"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="113"/>
        <source>inactif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="200"/>
        <source>Saisissez le login du nouvel utilisateur, puis « Enregistrer ».</source>
        <translation>Enter the new user&apos;s login, then “Save”.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="269"/>
        <source>Utilisateur « %1 » créé.</source>
        <translation>User “%1” created.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="278"/>
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="288"/>
        <source>Le login est obligatoire.</source>
        <translation>The login is required.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="294"/>
        <source>Fuseau horaire « %1 » inconnu : choisissez-en un dans la liste, par exemple Europe/Paris.</source>
        <translation>Unknown time zone “%1”: pick one from the list, for example Europe/Paris.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="303"/>
        <source>L&apos;adresse « %1 » n&apos;est pas une adresse e-mail.</source>
        <translation>“%1” is not an e-mail address.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/users_dialog.py" line="311"/>
        <location filename="../../crmsync/gui/users_dialog.py" line="329"/>
        <source>Le login « %1 » est déjà pris : choisissez-en un autre.</source>
        <translation>The login “%1” is taken: choose another.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="8"/>
        <source>Utilisateurs</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="22"/>
        <source>Rechercher un utilisateur…</source>
        <translation>Search for a user…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="34"/>
        <source>Nouvel utilisateur</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="42"/>
        <source>Fiche</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="49"/>
        <source>Login :</source>
        <translation>Login:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="58"/>
        <source>Nom :</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="67"/>
        <source>E-mail :</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="76"/>
        <source>Fuseau horaire :</source>
        <translation>Time zone:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="90"/>
        <source>Administrateur</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="95"/>
        <source>Actif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="109"/>
        <source>Droits sur les autres utilisateurs (Visible : voir sa fiche ; Agenda : voir et synchroniser son agenda) :</source>
        <translation>Rights over the other users (Visible: see the record; Agenda: see and sync the agenda):</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="118"/>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="119"/>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="120"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="126"/>
        <source>Préférences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.ui" line="131"/>
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
</context>
</TS>
