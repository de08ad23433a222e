<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="93"/>
        <source>Action — %s</source>
        <translation>Action — %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="93"/>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="96"/>
        <source>Nouvelle action</source>
        <translation>New action</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="168"/>
        <source>Modifier cette action ne change que cette occurrence.</source>
        <translation>Editing this action changes this occurrence only.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="255"/>
        <source>%d jour(s)</source>
        <translation>%d day(s)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="263"/>
        <source>%d min</source>
        <translation>%d min</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="265"/>
        <source>%d h %02d</source>
        <translation>%d h %02d</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="290"/>
        <source>Le titre est obligatoire : indiquez l&apos;objet de l&apos;action.</source>
        <translation>A title is required: say what the action is about.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="292"/>
        <source>Choisissez un type d&apos;action.</source>
        <translation>Choose an action type.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="298"/>
        <source>La date de fin (%s) est avant la date de début (%s) : corrigez-la.</source>
        <translation>The end date (%s) is before the start date (%s): correct it.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="307"/>
        <source>La fin (%s %s) est avant le début (%s %s) : corrigez la date ou l&apos;heure de fin.</source>
        <translation>The end (%s %s) is before the start (%s %s): correct the end date or time.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="323"/>
        <source>La répétition se termine avant le début de l&apos;action : choisissez une date de fin plus tardive.</source>
        <translation>The repeat ends before the action starts: choose a later end date.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="355"/>
        <source>La répétition donnerait plus de %d occurrences : réduisez le nombre ou avancez la date de fin.</source>
        <translation>The repeat would make more than %d occurrences: lower the count or bring the end date forward.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="362"/>
        <source>Enregistrement refusé : %s</source>
        <translation>Not saved: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="369"/>
        <source>La base de données a refusé l&apos;enregistrement : %s</source>
        <translation>The database refused to save: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="401"/>
        <source>lundi</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="402"/>
        <source>mardi</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="403"/>
        <source>mercredi</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="404"/>
        <source>jeudi</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="405"/>
        <source>vendredi</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="406"/>
        <source>samedi</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="407"/>
        <source>dimanche</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="417"/>
        <source>Règle de répétition illisible</source>
        <translation>Unreadable repeat rule</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="422"/>
        <location filename="../../ui/action_dialog.ui" line="258"/>
        <source>Tous les jours</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="423"/>
        <source>Tous les %d jours</source>
        <translation>Every %d days</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="426"/>
        <location filename="../../ui/action_dialog.ui" line="263"/>
        <source>Toutes les semaines</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="427"/>
        <source>Toutes les %d semaines</source>
        <translation>Every %d weeks</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="430"/>
        <location filename="../../ui/action_dialog.ui" line="268"/>
        <source>Tous les mois</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="431"/>
        <source>Tous les %d mois</source>
        <translation>Every %d months</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="434"/>
        <source>Tous les ans</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="435"/>
        <source>Tous les %d ans</source>
        <translation>Every %d years</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="440"/>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="441"/>
        <source>Répétée</source>
        <translation>Repeated</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="447"/>
        <source>le %s</source>
        <translation>on %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="451"/>
        <source>%s fois</source>
        <translation>%s times</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/action_dialog.py" line="463"/>
        <source>jusqu&apos;au %s</source>
        <translation>until %s</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="14"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="20"/>
        <source>Cette action est une invitation reçue sur Google : seul son organisateur peut la modifier.</source>
        <translation>This action is an invitation received on Google: only its organiser can change it.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="38"/>
        <source>Agenda de :</source>
        <translation>Agenda of:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="52"/>
        <source>&amp;Titre :</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="65"/>
        <source>Objet de l&apos;action</source>
        <translation>What the action is about</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="72"/>
        <source>T&amp;ype :</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="85"/>
        <source>&amp;Lieu :</source>
        <translation>&amp;Location:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="102"/>
        <source>Toute la &amp;journée</source>
        <translation>All &amp;day</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="109"/>
        <source>&amp;Début :</source>
        <translation>&amp;Start:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="144"/>
        <source>&amp;Fin :</source>
        <translation>&amp;End:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="186"/>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="201"/>
        <source>&amp;Privée</source>
        <translation>&amp;Private</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="208"/>
        <source>&amp;Rappel</source>
        <translation>&amp;Reminder</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="215"/>
        <source> min avant</source>
        <translation> min before</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="240"/>
        <source>Ré&amp;pétition :</source>
        <translation>Re&amp;peat:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="253"/>
        <source>Aucune</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="277"/>
        <source>Nombre de fois :</source>
        <translation>Number of times:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="282"/>
        <source>Jusqu&apos;au :</source>
        <translation>Until:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.ui" line="334"/>
        <source>D&amp;escription :</source>
        <translation>D&amp;escription:</translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="85"/>
        <source>Semaine précédente</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="88"/>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="92"/>
        <source>Semaine suivante</source>
        <translation>Next week</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="108"/>
        <source>Aller à la semaine d&apos;une date</source>
        <translation>Go to the week of a date</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="120"/>
        <source>Agendas affichés côte à côte</source>
        <translation>Agendas shown side by side</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="124"/>
        <source>Synchroniser</source>
        <translation>Synchronise</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="126"/>
        <source>Synchroniser avec Google les agendas affichés</source>
        <translation>Synchronise the agendas shown with Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="181"/>
        <source>%d agendas</source>
        <translation>%d agendas</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="182"/>
        <source>Agendas : %s</source>
        <translation>Agendas: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="233"/>
        <source>Semaine %d — du %s au %s</source>
        <translation>Week %d — %s to %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="270"/>
        <source>Vous n&apos;avez pas le droit Agenda sur %s : l&apos;action ne peut être modifiée.</source>
        <translation>You do not hold the Agenda right on %s: the action cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="278"/>
        <source>« %s » est une invitation reçue sur Google : seul son organisateur peut la modifier.</source>
        <translation>“%s” is an invitation received on Google: only its organiser can change it.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="281"/>
        <location filename="../../crmsync/gui/agenda/page.py" line="366"/>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="293"/>
        <source>Modification refusée : %s</source>
        <translation>Change refused: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="298"/>
        <source>La base de données a refusé la modification : %s</source>
        <translation>The database refused the change: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="319"/>
        <source>Cette action n&apos;existe plus.</source>
        <translation>This action no longer exists.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="345"/>
        <source>Duplication refusée : %s</source>
        <translation>Duplicate refused: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="351"/>
        <source>Action dupliquée : faites-la glisser vers son nouveau créneau.</source>
        <translation>Action duplicated: drag it to its new time slot.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="365"/>
        <source>Supprimer l&apos;action « %s » ?</source>
        <translation>Delete the action “%s”?</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="369"/>
        <source>Supprimer les %d actions sélectionnées ?</source>
        <translation>Delete the %d selected actions?</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="372"/>
        <source>Seule cette occurrence de la série est supprimée.</source>
        <translation>Only this occurrence of the series is deleted.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="375"/>
        <source>L&apos;événement Google correspondant sera supprimé à la prochaine synchronisation.</source>
        <translation>The matching Google event will be deleted at the next sync.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="380"/>
        <location filename="../../crmsync/gui/agenda/page.py" line="387"/>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="388"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="472"/>
        <source>Synchronisation lancée : %s.</source>
        <translation>Sync started: %s.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="474"/>
        <source>Déjà en cours de synchronisation : %s.</source>
        <translation>Already syncing: %s.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="478"/>
        <source>Non connecté à Google : %s (Préférences utilisateur → Synchronisation → Connexion).</source>
        <translation>Not connected to Google: %s (User preferences → Synchronisation → Connexion).</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="491"/>
        <source>Pas de synchronisation pour %s.</source>
        <translation>No sync for %s.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="497"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="530"/>
        <source>La synchronisation de %s a échoué : %s</source>
        <translation>The sync of %s failed: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="541"/>
        <source>Synchronisation de %s terminée : %d créée(s), %d modifiée(s), %d supprimée(s).</source>
        <translation>Sync of %s done: %d created, %d updated, %d deleted.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="549"/>
        <source>%d conflit(s) résolu(s).</source>
        <translation>%d conflict(s) resolved.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="551"/>
        <source>%d action(s) hors plafond, non synchronisée(s).</source>
        <translation>%d action(s) over the cap, not synced.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="557"/>
        <source>%d suppression(s) en attente de confirmation.</source>
        <translation>%d deletion(s) waiting for confirmation.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/page.py" line="561"/>
        <source>Erreurs : %s</source>
        <translation>Errors: %s</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="241"/>
        <source>Société</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="242"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="243"/>
        <source>Fonction</source>
        <translation>Job title</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="244"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="245"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="246"/>
        <source>Portable</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="247"/>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="287"/>
        <source>Dans ma liste de contacts à synchroniser avec Google</source>
        <translation>In my list of contacts to sync with Google</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="289"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="316"/>
        <source>Contact à synchroniser</source>
        <translation>Contact to sync</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="464"/>
        <source>Rechercher un contact : nom, société, ville, e-mail, téléphone…</source>
        <translation>Search a contact: name, company, city, e-mail, phone…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="536"/>
        <source>%d contacts</source>
        <translation>%d contacts</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="538"/>
        <source>%d contacts sur %d</source>
        <translation>%d of %d contacts</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="540"/>
        <source>À synchroniser : %d / %d</source>
        <translation>To sync: %d / %d</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="565"/>
        <source>Contact à synchroniser</source>
        <translation>Contact to sync</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="602"/>
        <source>Liste pleine</source>
        <translation>List full</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/contacts_page.py" line="604"/>
        <source>La liste des contacts à synchroniser est limitée à %1 contacts ; %2 n&apos;ont pas été ajoutés : %3. Retirez des contacts de la liste pour faire de la place.</source>
        <translation>The list of contacts to sync is limited to %1 contacts; %2 were not added: %3. Remove contacts from the list to make room.</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="99"/>
        <source>Toute la journée, %s</source>
        <translation>All day, %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="104"/>
        <source>Du %s au %s (toute la journée)</source>
        <translation>From %s to %s (all day)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="123"/>
        <source>Type : %s</source>
        <translation>Type: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="125"/>
        <source>Lieu : %s</source>
        <translation>Location: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="127"/>
        <source>Site : %s</source>
        <translation>Site: %s</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="130"/>
        <source>Rappel %d min avant</source>
        <translation>Reminder %d min before</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="133"/>
        <source>Privée</source>
        <translation>Private</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="135"/>
        <source>Fait partie d&apos;une série</source>
        <translation>Part of a series</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="139"/>
        <source>Invitation reçue sur Google : lecture seule, modifiable par l&apos;organisateur seulement</source>
        <translation>Invitation received on Google: read-only, only the organiser can change it</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="396"/>
        <source>%d h</source>
        <translation>%d h</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="425"/>
        <source>Journée</source>
        <translation>All day</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="458"/>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="704"/>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1050"/>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1045"/>
        <source>« %s » est une invitation reçue sur Google : seul son organisateur peut la modifier.</source>
        <translation>“%s” is an invitation received on Google: only its organiser can change it.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1060"/>
        <source>Passage à l&apos;heure d&apos;été : la journée dure 23 h, %s n&apos;existe pas.</source>
        <translation>Clocks go forward: the day lasts 23 h, %s does not exist.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1066"/>
        <source>Passage à l&apos;heure d&apos;hiver : la journée dure 25 h, %s a lieu deux fois.</source>
        <translation>Clocks go back: the day lasts 25 h, %s happens twice.</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1103"/>
        <source>Modifier…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1107"/>
        <source>Dupliquer</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1113"/>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1118"/>
        <source>Invitation reçue : lecture seule</source>
        <translation>Invitation received: read-only</translation>
    </message>
    <message>
        <location filename="../../crmsync/gui/agenda/week_view.py" line="1124"/>
        <source>Nouvelle action…</source>
        <translation>New action…</translation>
    </message>
</context>
</TS>
