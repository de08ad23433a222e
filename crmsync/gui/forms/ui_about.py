# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'about.ui'
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
    QFormLayout, QHBoxLayout, QLabel, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(520, 300)
        self.main_layout = QVBoxLayout(AboutDialog)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.head_layout = QHBoxLayout()
        self.head_layout.setSpacing(16)
        self.head_layout.setObjectName(u"head_layout")
        self.icon_label = QLabel(AboutDialog)
        self.icon_label.setObjectName(u"icon_label")
        self.icon_label.setMinimumSize(QSize(64, 64))
        self.icon_label.setMaximumSize(QSize(64, 64))
        self.icon_label.setScaledContents(True)

        self.head_layout.addWidget(self.icon_label)

        self.title_layout = QVBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(AboutDialog)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setText(u"crmsync")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)

        self.title_layout.addWidget(self.title_label)

        self.description_label = QLabel(AboutDialog)
        self.description_label.setObjectName(u"description_label")
        self.description_label.setWordWrap(True)

        self.title_layout.addWidget(self.description_label)


        self.head_layout.addLayout(self.title_layout)


        self.main_layout.addLayout(self.head_layout)

        self.facts_layout = QFormLayout()
        self.facts_layout.setObjectName(u"facts_layout")
        self.facts_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.facts_layout.setHorizontalSpacing(12)
        self.version_caption = QLabel(AboutDialog)
        self.version_caption.setObjectName(u"version_caption")

        self.facts_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.version_caption)

        self.version_value = QLabel(AboutDialog)
        self.version_value.setObjectName(u"version_value")
        self.version_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.facts_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.version_value)

        self.database_caption = QLabel(AboutDialog)
        self.database_caption.setObjectName(u"database_caption")

        self.facts_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.database_caption)

        self.database_value = QLabel(AboutDialog)
        self.database_value.setObjectName(u"database_value")
        self.database_value.setWordWrap(True)
        self.database_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.facts_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.database_value)

        self.google_caption = QLabel(AboutDialog)
        self.google_caption.setObjectName(u"google_caption")

        self.facts_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.google_caption)

        self.google_value = QLabel(AboutDialog)
        self.google_value.setObjectName(u"google_value")
        self.google_value.setWordWrap(True)
        self.google_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.facts_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.google_value)

        self.licence_caption = QLabel(AboutDialog)
        self.licence_caption.setObjectName(u"licence_caption")

        self.facts_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.licence_caption)

        self.licence_value = QLabel(AboutDialog)
        self.licence_value.setObjectName(u"licence_value")

        self.facts_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.licence_value)

        self.qt_caption = QLabel(AboutDialog)
        self.qt_caption.setObjectName(u"qt_caption")

        self.facts_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.qt_caption)

        self.qt_value = QLabel(AboutDialog)
        self.qt_value.setObjectName(u"qt_value")

        self.facts_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.qt_value)


        self.main_layout.addLayout(self.facts_layout)

        self.bottom_spacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.buttons = QDialogButtonBox(AboutDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.main_layout.addWidget(self.buttons)


        self.retranslateUi(AboutDialog)
        self.buttons.rejected.connect(AboutDialog.reject)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"\u00c0 propos de crmsync", None))
        self.description_label.setText(QCoreApplication.translate("AboutDialog", u"Synchronise l'agenda du CRM avec Google Agenda, dans les deux sens, et envoie ses contacts vers Google Contacts.", None))
        self.version_caption.setText(QCoreApplication.translate("AboutDialog", u"Version :", None))
        self.database_caption.setText(QCoreApplication.translate("AboutDialog", u"Base de donn\u00e9es :", None))
        self.google_caption.setText(QCoreApplication.translate("AboutDialog", u"Google :", None))
        self.licence_caption.setText(QCoreApplication.translate("AboutDialog", u"Licence :", None))
        self.qt_caption.setText(QCoreApplication.translate("AboutDialog", u"Qt :", None))
    # retranslateUi

