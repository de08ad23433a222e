# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_prefs.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QTableWidget,
    QTableWidgetItem, QToolButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_SyncPrefsPage(object):
    def setupUi(self, SyncPrefsPage):
        if not SyncPrefsPage.objectName():
            SyncPrefsPage.setObjectName(u"SyncPrefsPage")
        SyncPrefsPage.resize(940, 640)
        self.pageLayout = QVBoxLayout(SyncPrefsPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.connectionGroup = QGroupBox(SyncPrefsPage)
        self.connectionGroup.setObjectName(u"connectionGroup")
        self.connectionLayout = QVBoxLayout(self.connectionGroup)
        self.connectionLayout.setObjectName(u"connectionLayout")
        self.connectionForm = QFormLayout()
        self.connectionForm.setObjectName(u"connectionForm")
        self.connectionForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.interfaceLabel = QLabel(self.connectionGroup)
        self.interfaceLabel.setObjectName(u"interfaceLabel")

        self.connectionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.interfaceLabel)

        self.interfaceRow = QHBoxLayout()
        self.interfaceRow.setObjectName(u"interfaceRow")
        self.interfaceCombo = QComboBox(self.connectionGroup)
        self.interfaceCombo.setObjectName(u"interfaceCombo")
        self.interfaceCombo.setMinimumSize(QSize(160, 0))

        self.interfaceRow.addWidget(self.interfaceCombo)

        self.activeCheck = QCheckBox(self.connectionGroup)
        self.activeCheck.setObjectName(u"activeCheck")

        self.interfaceRow.addWidget(self.activeCheck)

        self.interfaceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.interfaceRow.addItem(self.interfaceSpacer)


        self.connectionForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.interfaceRow)

        self.googleEmailLabel = QLabel(self.connectionGroup)
        self.googleEmailLabel.setObjectName(u"googleEmailLabel")

        self.connectionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.googleEmailLabel)

        self.emailRow = QHBoxLayout()
        self.emailRow.setObjectName(u"emailRow")
        self.googleEmailEdit = QLineEdit(self.connectionGroup)
        self.googleEmailEdit.setObjectName(u"googleEmailEdit")

        self.emailRow.addWidget(self.googleEmailEdit)

        self.statusLightHolder = QWidget(self.connectionGroup)
        self.statusLightHolder.setObjectName(u"statusLightHolder")

        self.emailRow.addWidget(self.statusLightHolder)

        self.statusLabel = QLabel(self.connectionGroup)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setMinimumSize(QSize(220, 0))
        self.statusLabel.setWordWrap(True)

        self.emailRow.addWidget(self.statusLabel)


        self.connectionForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.emailRow)


        self.connectionLayout.addLayout(self.connectionForm)

        self.connectionButtons = QHBoxLayout()
        self.connectionButtons.setObjectName(u"connectionButtons")
        self.connectButton = QPushButton(self.connectionGroup)
        self.connectButton.setObjectName(u"connectButton")

        self.connectionButtons.addWidget(self.connectButton)

        self.manualButton = QPushButton(self.connectionGroup)
        self.manualButton.setObjectName(u"manualButton")

        self.connectionButtons.addWidget(self.manualButton)

        self.cancelConnectButton = QPushButton(self.connectionGroup)
        self.cancelConnectButton.setObjectName(u"cancelConnectButton")

        self.connectionButtons.addWidget(self.cancelConnectButton)

        self.testButton = QPushButton(self.connectionGroup)
        self.testButton.setObjectName(u"testButton")

        self.connectionButtons.addWidget(self.testButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.connectionButtons.addItem(self.buttonsSpacer)

        self.resetButton = QPushButton(self.connectionGroup)
        self.resetButton.setObjectName(u"resetButton")

        self.connectionButtons.addWidget(self.resetButton)

        self.resetCalendarButton = QPushButton(self.connectionGroup)
        self.resetCalendarButton.setObjectName(u"resetCalendarButton")

        self.connectionButtons.addWidget(self.resetCalendarButton)


        self.connectionLayout.addLayout(self.connectionButtons)

        self.connectionMessage = QLabel(self.connectionGroup)
        self.connectionMessage.setObjectName(u"connectionMessage")
        self.connectionMessage.setWordWrap(True)
        self.connectionMessage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.connectionLayout.addWidget(self.connectionMessage)

        self.testResults = QTreeWidget(self.connectionGroup)
        self.testResults.setObjectName(u"testResults")
        self.testResults.setMaximumSize(QSize(16777215, 170))
        self.testResults.setRootIsDecorated(False)
        self.testResults.setWordWrap(True)
        self.testResults.setUniformRowHeights(False)
        self.testResults.header().setVisible(False)

        self.connectionLayout.addWidget(self.testResults)


        self.pageLayout.addWidget(self.connectionGroup)

        self.blocksLayout = QHBoxLayout()
        self.blocksLayout.setObjectName(u"blocksLayout")
        self.agendaGroup = QGroupBox(SyncPrefsPage)
        self.agendaGroup.setObjectName(u"agendaGroup")
        self.agendaLayout = QVBoxLayout(self.agendaGroup)
        self.agendaLayout.setObjectName(u"agendaLayout")
        self.agendaForm = QFormLayout()
        self.agendaForm.setObjectName(u"agendaForm")
        self.agendaForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.calendarLabel = QLabel(self.agendaGroup)
        self.calendarLabel.setObjectName(u"calendarLabel")

        self.agendaForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.calendarLabel)

        self.calendarRow = QHBoxLayout()
        self.calendarRow.setObjectName(u"calendarRow")
        self.calendarCombo = QComboBox(self.agendaGroup)
        self.calendarCombo.setObjectName(u"calendarCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.calendarCombo.sizePolicy().hasHeightForWidth())
        self.calendarCombo.setSizePolicy(sizePolicy)
        self.calendarCombo.setEditable(True)
        self.calendarCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.calendarRow.addWidget(self.calendarCombo)

        self.refreshCalendarsButton = QToolButton(self.agendaGroup)
        self.refreshCalendarsButton.setObjectName(u"refreshCalendarsButton")

        self.calendarRow.addWidget(self.refreshCalendarsButton)


        self.agendaForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.calendarRow)

        self.periodLabel = QLabel(self.agendaGroup)
        self.periodLabel.setObjectName(u"periodLabel")

        self.agendaForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.periodRow = QHBoxLayout()
        self.periodRow.setObjectName(u"periodRow")
        self.monthsBeforeSpin = QSpinBox(self.agendaGroup)
        self.monthsBeforeSpin.setObjectName(u"monthsBeforeSpin")
        self.monthsBeforeSpin.setMaximum(120)

        self.periodRow.addWidget(self.monthsBeforeSpin)

        self.monthsAfterSpin = QSpinBox(self.agendaGroup)
        self.monthsAfterSpin.setObjectName(u"monthsAfterSpin")
        self.monthsAfterSpin.setMaximum(120)

        self.periodRow.addWidget(self.monthsAfterSpin)

        self.periodSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.periodRow.addItem(self.periodSpacer)


        self.agendaForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.periodRow)

        self.optionsLabel = QLabel(self.agendaGroup)
        self.optionsLabel.setObjectName(u"optionsLabel")

        self.agendaForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.optionsLabel)

        self.optionsGrid = QGridLayout()
        self.optionsGrid.setObjectName(u"optionsGrid")
        self.autoPushCheck = QCheckBox(self.agendaGroup)
        self.autoPushCheck.setObjectName(u"autoPushCheck")

        self.optionsGrid.addWidget(self.autoPushCheck, 0, 0, 1, 1)

        self.startupCheck = QCheckBox(self.agendaGroup)
        self.startupCheck.setObjectName(u"startupCheck")

        self.optionsGrid.addWidget(self.startupCheck, 0, 1, 1, 1)

        self.seriesCheck = QCheckBox(self.agendaGroup)
        self.seriesCheck.setObjectName(u"seriesCheck")

        self.optionsGrid.addWidget(self.seriesCheck, 1, 0, 1, 1)

        self.coloursCheck = QCheckBox(self.agendaGroup)
        self.coloursCheck.setObjectName(u"coloursCheck")

        self.optionsGrid.addWidget(self.coloursCheck, 1, 1, 1, 1)


        self.agendaForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.optionsGrid)

        self.conflictLabel = QLabel(self.agendaGroup)
        self.conflictLabel.setObjectName(u"conflictLabel")

        self.agendaForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.conflictLabel)

        self.conflictCombo = QComboBox(self.agendaGroup)
        self.conflictCombo.setObjectName(u"conflictCombo")

        self.agendaForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.conflictCombo)


        self.agendaLayout.addLayout(self.agendaForm)

        self.sitesLabel = QLabel(self.agendaGroup)
        self.sitesLabel.setObjectName(u"sitesLabel")

        self.agendaLayout.addWidget(self.sitesLabel)

        self.siteTable = QTableWidget(self.agendaGroup)
        if (self.siteTable.columnCount() < 2):
            self.siteTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.siteTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.siteTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.siteTable.setObjectName(u"siteTable")
        self.siteTable.setMaximumSize(QSize(16777215, 160))
        self.siteTable.setAlternatingRowColors(True)
        self.siteTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.siteTable.horizontalHeader().setStretchLastSection(True)
        self.siteTable.verticalHeader().setVisible(False)

        self.agendaLayout.addWidget(self.siteTable)

        self.agendaSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.agendaLayout.addItem(self.agendaSpacer)


        self.blocksLayout.addWidget(self.agendaGroup)

        self.contactsGroup = QGroupBox(SyncPrefsPage)
        self.contactsGroup.setObjectName(u"contactsGroup")
        self.contactsLayout = QVBoxLayout(self.contactsGroup)
        self.contactsLayout.setObjectName(u"contactsLayout")
        self.contactsHolder = QWidget(self.contactsGroup)
        self.contactsHolder.setObjectName(u"contactsHolder")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.contactsHolder.sizePolicy().hasHeightForWidth())
        self.contactsHolder.setSizePolicy(sizePolicy1)

        self.contactsLayout.addWidget(self.contactsHolder)

        self.contactsButtons = QHBoxLayout()
        self.contactsButtons.setObjectName(u"contactsButtons")
        self.addContactButton = QPushButton(self.contactsGroup)
        self.addContactButton.setObjectName(u"addContactButton")

        self.contactsButtons.addWidget(self.addContactButton)

        self.removeContactButton = QPushButton(self.contactsGroup)
        self.removeContactButton.setObjectName(u"removeContactButton")

        self.contactsButtons.addWidget(self.removeContactButton)

        self.contactsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.contactsButtons.addItem(self.contactsSpacer)

        self.contactsCountLabel = QLabel(self.contactsGroup)
        self.contactsCountLabel.setObjectName(u"contactsCountLabel")

        self.contactsButtons.addWidget(self.contactsCountLabel)


        self.contactsLayout.addLayout(self.contactsButtons)

        self.contactsSyncedLabel = QLabel(self.contactsGroup)
        self.contactsSyncedLabel.setObjectName(u"contactsSyncedLabel")

        self.contactsLayout.addWidget(self.contactsSyncedLabel)


        self.blocksLayout.addWidget(self.contactsGroup)


        self.pageLayout.addLayout(self.blocksLayout)

#if QT_CONFIG(shortcut)
        self.interfaceLabel.setBuddy(self.interfaceCombo)
        self.googleEmailLabel.setBuddy(self.googleEmailEdit)
        self.calendarLabel.setBuddy(self.calendarCombo)
        self.conflictLabel.setBuddy(self.conflictCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.interfaceCombo, self.activeCheck)
        QWidget.setTabOrder(self.activeCheck, self.googleEmailEdit)
        QWidget.setTabOrder(self.googleEmailEdit, self.connectButton)
        QWidget.setTabOrder(self.connectButton, self.manualButton)
        QWidget.setTabOrder(self.manualButton, self.testButton)
        QWidget.setTabOrder(self.testButton, self.calendarCombo)
        QWidget.setTabOrder(self.calendarCombo, self.refreshCalendarsButton)
        QWidget.setTabOrder(self.refreshCalendarsButton, self.monthsBeforeSpin)
        QWidget.setTabOrder(self.monthsBeforeSpin, self.monthsAfterSpin)

        self.retranslateUi(SyncPrefsPage)

        QMetaObject.connectSlotsByName(SyncPrefsPage)
    # setupUi

    def retranslateUi(self, SyncPrefsPage):
        self.connectionGroup.setTitle(QCoreApplication.translate("SyncPrefsPage", u"Connexion au service", None))
        self.interfaceLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"Type d'interface :", None))
        self.activeCheck.setText(QCoreApplication.translate("SyncPrefsPage", u"Synchronisation active", None))
        self.googleEmailLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"Login (e-mail) :", None))
        self.googleEmailEdit.setPlaceholderText(QCoreApplication.translate("SyncPrefsPage", u"adresse Google de l'utilisateur", None))
        self.connectButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Connexion", None))
        self.manualButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Connexion manuelle\u2026", None))
        self.cancelConnectButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Annuler la connexion", None))
        self.testButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Tester", None))
        self.resetButton.setText(QCoreApplication.translate("SyncPrefsPage", u"R\u00e9initialisation", None))
        self.resetCalendarButton.setText(QCoreApplication.translate("SyncPrefsPage", u"R\u00e9initialisation Cal.", None))
        ___qtreewidgetitem = self.testResults.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SyncPrefsPage", u"Diagnostic", None))
        self.agendaGroup.setTitle(QCoreApplication.translate("SyncPrefsPage", u"Agenda", None))
        self.calendarLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"Calendrier :", None))
#if QT_CONFIG(tooltip)
        self.refreshCalendarsButton.setToolTip(QCoreApplication.translate("SyncPrefsPage", u"Lire la liste des calendriers du compte Google", None))
#endif // QT_CONFIG(tooltip)
        self.periodLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"P\u00e9riode :", None))
        self.monthsBeforeSpin.setSuffix(QCoreApplication.translate("SyncPrefsPage", u" mois avant", None))
        self.monthsAfterSpin.setSuffix(QCoreApplication.translate("SyncPrefsPage", u" mois apr\u00e8s", None))
        self.optionsLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"Options :", None))
        self.autoPushCheck.setText(QCoreApplication.translate("SyncPrefsPage", u"Automatique", None))
#if QT_CONFIG(tooltip)
        self.autoPushCheck.setToolTip(QCoreApplication.translate("SyncPrefsPage", u"Envoie vers Google chaque action ajout\u00e9e, modifi\u00e9e, d\u00e9plac\u00e9e, dupliqu\u00e9e ou supprim\u00e9e (pas les actions s\u00e9ries).", None))
#endif // QT_CONFIG(tooltip)
        self.startupCheck.setText(QCoreApplication.translate("SyncPrefsPage", u"Au d\u00e9marrage", None))
#if QT_CONFIG(tooltip)
        self.startupCheck.setToolTip(QCoreApplication.translate("SyncPrefsPage", u"Reprend les changements de Google \u00e0 l'ouverture du logiciel.", None))
#endif // QT_CONFIG(tooltip)
        self.seriesCheck.setText(QCoreApplication.translate("SyncPrefsPage", u"Actions s\u00e9ries", None))
#if QT_CONFIG(tooltip)
        self.seriesCheck.setToolTip(QCoreApplication.translate("SyncPrefsPage", u"Prend en compte les \u00e9v\u00e9nements r\u00e9currents de Google.", None))
#endif // QT_CONFIG(tooltip)
        self.coloursCheck.setText(QCoreApplication.translate("SyncPrefsPage", u"Transfert couleur Actions", None))
#if QT_CONFIG(tooltip)
        self.coloursCheck.setToolTip(QCoreApplication.translate("SyncPrefsPage", u"Donne \u00e0 l'\u00e9v\u00e9nement Google la couleur la plus proche de celle du type d'action.", None))
#endif // QT_CONFIG(tooltip)
        self.conflictLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"En cas de conflit :", None))
        self.sitesLabel.setText(QCoreApplication.translate("SyncPrefsPage", u"Calendrier par site (vide : le calendrier ci-dessus) :", None))
        ___qtablewidgetitem = self.siteTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("SyncPrefsPage", u"Site", None))
        ___qtablewidgetitem1 = self.siteTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("SyncPrefsPage", u"Calendrier", None))
        self.contactsGroup.setTitle(QCoreApplication.translate("SyncPrefsPage", u"Contacts \u00e0 synchroniser", None))
        self.addContactButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Ajouter\u2026", None))
        self.removeContactButton.setText(QCoreApplication.translate("SyncPrefsPage", u"Retirer", None))
        pass
    # retranslateUi

