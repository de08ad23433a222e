# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'deletion.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_DeletionDialog(object):
    def setupUi(self, DeletionDialog):
        if not DeletionDialog.objectName():
            DeletionDialog.setObjectName(u"DeletionDialog")
        DeletionDialog.resize(460, 180)
        self.main_layout = QVBoxLayout(DeletionDialog)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.message_layout = QHBoxLayout()
        self.message_layout.setSpacing(14)
        self.message_layout.setObjectName(u"message_layout")
        self.icon_label = QLabel(DeletionDialog)
        self.icon_label.setObjectName(u"icon_label")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.icon_label.sizePolicy().hasHeightForWidth())
        self.icon_label.setSizePolicy(sizePolicy)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.message_layout.addWidget(self.icon_label)

        self.text_layout = QVBoxLayout()
        self.text_layout.setObjectName(u"text_layout")
        self.message_label = QLabel(DeletionDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setMinimumSize(QSize(380, 0))
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)

        self.text_layout.addWidget(self.message_label)

        self.hint_label = QLabel(DeletionDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.text_layout.addWidget(self.hint_label)

        self.text_spacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.text_layout.addItem(self.text_spacer)


        self.message_layout.addLayout(self.text_layout)

        self.message_layout.setStretch(1, 1)

        self.main_layout.addLayout(self.message_layout)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.buttons_spacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.yes_button = QPushButton(DeletionDialog)
        self.yes_button.setObjectName(u"yes_button")

        self.buttons_layout.addWidget(self.yes_button)

        self.no_button = QPushButton(DeletionDialog)
        self.no_button.setObjectName(u"no_button")

        self.buttons_layout.addWidget(self.no_button)

        self.all_button = QPushButton(DeletionDialog)
        self.all_button.setObjectName(u"all_button")

        self.buttons_layout.addWidget(self.all_button)


        self.main_layout.addLayout(self.buttons_layout)


        self.retranslateUi(DeletionDialog)

        self.yes_button.setDefault(True)


        QMetaObject.connectSlotsByName(DeletionDialog)
    # setupUi

    def retranslateUi(self, DeletionDialog):
        DeletionDialog.setWindowTitle(QCoreApplication.translate("DeletionDialog", u"Suppression dans Google Agenda", None))
        self.hint_label.setText(QCoreApplication.translate("DeletionDialog", u"Maintenez la touche Ctrl en cliquant sur \u00ab Oui \u00bb pour supprimer toutes les actions en une seule fois.", None))
        self.yes_button.setText(QCoreApplication.translate("DeletionDialog", u"&Oui", None))
        self.no_button.setText(QCoreApplication.translate("DeletionDialog", u"&Non", None))
        self.all_button.setText(QCoreApplication.translate("DeletionDialog", u"Oui pour &tout", None))
    # retranslateUi

