# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'contact_picker.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
    QSizePolicy, QTableView, QVBoxLayout, QWidget)

class Ui_ContactPickerDialog(object):
    def setupUi(self, ContactPickerDialog):
        if not ContactPickerDialog.objectName():
            ContactPickerDialog.setObjectName(u"ContactPickerDialog")
        ContactPickerDialog.resize(560, 480)
        self.dialogLayout = QVBoxLayout(ContactPickerDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.searchEdit = QLineEdit(ContactPickerDialog)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.dialogLayout.addWidget(self.searchEdit)

        self.contactsView = QTableView(ContactPickerDialog)
        self.contactsView.setObjectName(u"contactsView")
        self.contactsView.setAlternatingRowColors(True)
        self.contactsView.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.contactsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contactsView.setSortingEnabled(True)
        self.contactsView.horizontalHeader().setStretchLastSection(True)
        self.contactsView.verticalHeader().setVisible(False)

        self.dialogLayout.addWidget(self.contactsView)

        self.countLabel = QLabel(ContactPickerDialog)
        self.countLabel.setObjectName(u"countLabel")

        self.dialogLayout.addWidget(self.countLabel)

        self.buttonBox = QDialogButtonBox(ContactPickerDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)


        self.retranslateUi(ContactPickerDialog)

        QMetaObject.connectSlotsByName(ContactPickerDialog)
    # setupUi

    def retranslateUi(self, ContactPickerDialog):
        ContactPickerDialog.setWindowTitle(QCoreApplication.translate("ContactPickerDialog", u"Ajouter des contacts \u00e0 synchroniser", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ContactPickerDialog", u"Rechercher (nom, soci\u00e9t\u00e9, ville, e-mail)\u2026", None))
    # retranslateUi

