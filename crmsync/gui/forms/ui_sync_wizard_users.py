# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_wizard_users.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QPushButton, QSizePolicy, QSpacerItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_SyncWizardUsersPage(object):
    def setupUi(self, SyncWizardUsersPage):
        if not SyncWizardUsersPage.objectName():
            SyncWizardUsersPage.setObjectName(u"SyncWizardUsersPage")
        self.pageLayout = QVBoxLayout(SyncWizardUsersPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.usersTree = QTreeWidget(SyncWizardUsersPage)
        self.usersTree.setObjectName(u"usersTree")
        self.usersTree.setRootIsDecorated(False)
        self.usersTree.setAlternatingRowColors(True)
        self.usersTree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.pageLayout.addWidget(self.usersTree)

        self.buttonsRow = QHBoxLayout()
        self.buttonsRow.setObjectName(u"buttonsRow")
        self.allButton = QPushButton(SyncWizardUsersPage)
        self.allButton.setObjectName(u"allButton")

        self.buttonsRow.addWidget(self.allButton)

        self.noneButton = QPushButton(SyncWizardUsersPage)
        self.noneButton.setObjectName(u"noneButton")

        self.buttonsRow.addWidget(self.noneButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsRow.addItem(self.buttonsSpacer)


        self.pageLayout.addLayout(self.buttonsRow)


        self.retranslateUi(SyncWizardUsersPage)

        QMetaObject.connectSlotsByName(SyncWizardUsersPage)
    # setupUi

    def retranslateUi(self, SyncWizardUsersPage):
        SyncWizardUsersPage.setTitle(QCoreApplication.translate("SyncWizardUsersPage", u"Utilisateurs \u00e0 synchroniser", None))
        SyncWizardUsersPage.setSubTitle(QCoreApplication.translate("SyncWizardUsersPage", u"Cochez les agendas \u00e0 synchroniser : le v\u00f4tre et ceux que vos droits vous permettent de voir.", None))
        ___qtreewidgetitem = self.usersTree.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("SyncWizardUsersPage", u"Connexion Google", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SyncWizardUsersPage", u"Utilisateur", None))
        self.allButton.setText(QCoreApplication.translate("SyncWizardUsersPage", u"Tout cocher", None))
        self.noneButton.setText(QCoreApplication.translate("SyncWizardUsersPage", u"Tout d\u00e9cocher", None))
    # retranslateUi

