# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_UsersDialog(object):
    def setupUi(self, UsersDialog):
        if not UsersDialog.objectName():
            UsersDialog.setObjectName(u"UsersDialog")
        UsersDialog.resize(1180, 760)
        self.dialogLayout = QVBoxLayout(UsersDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.splitter = QSplitter(UsersDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.usersPane = QWidget(self.splitter)
        self.usersPane.setObjectName(u"usersPane")
        self.usersPaneLayout = QVBoxLayout(self.usersPane)
        self.usersPaneLayout.setObjectName(u"usersPaneLayout")
        self.usersPaneLayout.setContentsMargins(0, 0, 0, 0)
        self.filterEdit = QLineEdit(self.usersPane)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.usersPaneLayout.addWidget(self.filterEdit)

        self.usersList = QListWidget(self.usersPane)
        self.usersList.setObjectName(u"usersList")
        self.usersList.setMinimumSize(QSize(200, 0))
        self.usersList.setAlternatingRowColors(True)

        self.usersPaneLayout.addWidget(self.usersList)

        self.newUserButton = QPushButton(self.usersPane)
        self.newUserButton.setObjectName(u"newUserButton")

        self.usersPaneLayout.addWidget(self.newUserButton)

        self.splitter.addWidget(self.usersPane)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setObjectName(u"tabs")
        self.recordTab = QWidget()
        self.recordTab.setObjectName(u"recordTab")
        self.recordLayout = QVBoxLayout(self.recordTab)
        self.recordLayout.setObjectName(u"recordLayout")
        self.recordForm = QFormLayout()
        self.recordForm.setObjectName(u"recordForm")
        self.recordForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.loginLabel = QLabel(self.recordTab)
        self.loginLabel.setObjectName(u"loginLabel")

        self.recordForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.loginLabel)

        self.loginEdit = QLineEdit(self.recordTab)
        self.loginEdit.setObjectName(u"loginEdit")

        self.recordForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.loginEdit)

        self.nameLabel = QLabel(self.recordTab)
        self.nameLabel.setObjectName(u"nameLabel")

        self.recordForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.recordTab)
        self.nameEdit.setObjectName(u"nameEdit")

        self.recordForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.emailLabel = QLabel(self.recordTab)
        self.emailLabel.setObjectName(u"emailLabel")

        self.recordForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.recordTab)
        self.emailEdit.setObjectName(u"emailEdit")

        self.recordForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.zoneLabel = QLabel(self.recordTab)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.recordForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zoneCombo = QComboBox(self.recordTab)
        self.zoneCombo.setObjectName(u"zoneCombo")
        self.zoneCombo.setEditable(True)
        self.zoneCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.recordForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.zoneCombo)

        self.flagsRow = QHBoxLayout()
        self.flagsRow.setObjectName(u"flagsRow")
        self.adminCheck = QCheckBox(self.recordTab)
        self.adminCheck.setObjectName(u"adminCheck")

        self.flagsRow.addWidget(self.adminCheck)

        self.activeCheck = QCheckBox(self.recordTab)
        self.activeCheck.setObjectName(u"activeCheck")

        self.flagsRow.addWidget(self.activeCheck)

        self.flagsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.flagsRow.addItem(self.flagsSpacer)


        self.recordForm.setLayout(4, QFormLayout.ItemRole.FieldRole, self.flagsRow)


        self.recordLayout.addLayout(self.recordForm)

        self.rightsLabel = QLabel(self.recordTab)
        self.rightsLabel.setObjectName(u"rightsLabel")
        self.rightsLabel.setWordWrap(True)

        self.recordLayout.addWidget(self.rightsLabel)

        self.rightsTable = QTableWidget(self.recordTab)
        if (self.rightsTable.columnCount() < 3):
            self.rightsTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.rightsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.rightsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.rightsTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.rightsTable.setObjectName(u"rightsTable")
        self.rightsTable.setAlternatingRowColors(True)
        self.rightsTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rightsTable.verticalHeader().setVisible(False)

        self.recordLayout.addWidget(self.rightsTable)

        self.tabs.addTab(self.recordTab, "")
        self.prefsTab = QWidget()
        self.prefsTab.setObjectName(u"prefsTab")
        self.prefsLayout = QVBoxLayout(self.prefsTab)
        self.prefsLayout.setObjectName(u"prefsLayout")
        self.prefsTabs = QTabWidget(self.prefsTab)
        self.prefsTabs.setObjectName(u"prefsTabs")
        self.syncTab = QWidget()
        self.syncTab.setObjectName(u"syncTab")
        self.syncTabLayout = QVBoxLayout(self.syncTab)
        self.syncTabLayout.setObjectName(u"syncTabLayout")
        self.syncTabLayout.setContentsMargins(0, 0, 0, 0)
        self.prefsTabs.addTab(self.syncTab, "")

        self.prefsLayout.addWidget(self.prefsTabs)

        self.tabs.addTab(self.prefsTab, "")
        self.splitter.addWidget(self.tabs)

        self.dialogLayout.addWidget(self.splitter)

        self.bottomRow = QHBoxLayout()
        self.bottomRow.setObjectName(u"bottomRow")
        self.messageLabel = QLabel(UsersDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.messageLabel.sizePolicy().hasHeightForWidth())
        self.messageLabel.setSizePolicy(sizePolicy)
        self.messageLabel.setWordWrap(True)

        self.bottomRow.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(UsersDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close|QDialogButtonBox.StandardButton.Save)

        self.bottomRow.addWidget(self.buttonBox)


        self.dialogLayout.addLayout(self.bottomRow)

#if QT_CONFIG(shortcut)
        self.loginLabel.setBuddy(self.loginEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.zoneLabel.setBuddy(self.zoneCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UsersDialog)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(UsersDialog)
    # setupUi

    def retranslateUi(self, UsersDialog):
        UsersDialog.setWindowTitle(QCoreApplication.translate("UsersDialog", u"Utilisateurs", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("UsersDialog", u"Rechercher un utilisateur\u2026", None))
        self.newUserButton.setText(QCoreApplication.translate("UsersDialog", u"Nouvel utilisateur", None))
        self.loginLabel.setText(QCoreApplication.translate("UsersDialog", u"Login :", None))
        self.nameLabel.setText(QCoreApplication.translate("UsersDialog", u"Nom :", None))
        self.emailLabel.setText(QCoreApplication.translate("UsersDialog", u"E-mail :", None))
        self.zoneLabel.setText(QCoreApplication.translate("UsersDialog", u"Fuseau horaire :", None))
        self.adminCheck.setText(QCoreApplication.translate("UsersDialog", u"Administrateur", None))
        self.activeCheck.setText(QCoreApplication.translate("UsersDialog", u"Actif", None))
        self.rightsLabel.setText(QCoreApplication.translate("UsersDialog", u"Droits sur les autres utilisateurs (Visible : voir sa fiche ; Agenda : voir et synchroniser son agenda) :", None))
        ___qtablewidgetitem = self.rightsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("UsersDialog", u"Utilisateur", None))
        ___qtablewidgetitem1 = self.rightsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("UsersDialog", u"Visible", None))
        ___qtablewidgetitem2 = self.rightsTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("UsersDialog", u"Agenda", None))
        self.tabs.setTabText(self.tabs.indexOf(self.recordTab), QCoreApplication.translate("UsersDialog", u"Fiche", None))
        self.prefsTabs.setTabText(self.prefsTabs.indexOf(self.syncTab), QCoreApplication.translate("UsersDialog", u"Synchronisation", None))
        self.tabs.setTabText(self.tabs.indexOf(self.prefsTab), QCoreApplication.translate("UsersDialog", u"Pr\u00e9f\u00e9rences", None))
    # retranslateUi

