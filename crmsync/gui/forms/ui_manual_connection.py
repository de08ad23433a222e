# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'manual_connection.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ManualConnectionDialog(object):
    def setupUi(self, ManualConnectionDialog):
        if not ManualConnectionDialog.objectName():
            ManualConnectionDialog.setObjectName(u"ManualConnectionDialog")
        ManualConnectionDialog.resize(620, 260)
        self.dialogLayout = QVBoxLayout(ManualConnectionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.stepOneLabel = QLabel(ManualConnectionDialog)
        self.stepOneLabel.setObjectName(u"stepOneLabel")
        self.stepOneLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.stepOneLabel)

        self.urlRow = QHBoxLayout()
        self.urlRow.setObjectName(u"urlRow")
        self.urlEdit = QLineEdit(ManualConnectionDialog)
        self.urlEdit.setObjectName(u"urlEdit")
        self.urlEdit.setReadOnly(True)

        self.urlRow.addWidget(self.urlEdit)

        self.copyButton = QPushButton(ManualConnectionDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.urlRow.addWidget(self.copyButton)

        self.openButton = QPushButton(ManualConnectionDialog)
        self.openButton.setObjectName(u"openButton")

        self.urlRow.addWidget(self.openButton)


        self.dialogLayout.addLayout(self.urlRow)

        self.stepsSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.dialogLayout.addItem(self.stepsSpacer)

        self.stepTwoLabel = QLabel(ManualConnectionDialog)
        self.stepTwoLabel.setObjectName(u"stepTwoLabel")
        self.stepTwoLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.stepTwoLabel)

        self.redirectEdit = QLineEdit(ManualConnectionDialog)
        self.redirectEdit.setObjectName(u"redirectEdit")

        self.dialogLayout.addWidget(self.redirectEdit)

        self.hintLabel = QLabel(ManualConnectionDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.hintLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(ManualConnectionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)


        self.retranslateUi(ManualConnectionDialog)

        QMetaObject.connectSlotsByName(ManualConnectionDialog)
    # setupUi

    def retranslateUi(self, ManualConnectionDialog):
        ManualConnectionDialog.setWindowTitle(QCoreApplication.translate("ManualConnectionDialog", u"Connexion manuelle", None))
        self.stepOneLabel.setText(QCoreApplication.translate("ManualConnectionDialog", u"1. Ouvrez cette adresse dans un navigateur, sur n'importe quel ordinateur, et autorisez crmsync :", None))
        self.copyButton.setText(QCoreApplication.translate("ManualConnectionDialog", u"Copier", None))
        self.openButton.setText(QCoreApplication.translate("ManualConnectionDialog", u"Ouvrir", None))
        self.stepTwoLabel.setText(QCoreApplication.translate("ManualConnectionDialog", u"2. Le navigateur s'arr\u00eate sur une page qui ne s'affiche pas : c'est normal. Copiez l'adresse compl\u00e8te de cette page et collez-la ici :", None))
        self.redirectEdit.setPlaceholderText(QCoreApplication.translate("ManualConnectionDialog", u"http://127.0.0.1:\u2026/?state=\u2026&code=\u2026", None))
    # retranslateUi

