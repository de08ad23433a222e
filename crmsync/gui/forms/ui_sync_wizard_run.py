# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_wizard_run.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout,
    QLabel, QPushButton, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget, QWizardPage)

class Ui_SyncWizardRunPage(object):
    def setupUi(self, SyncWizardRunPage):
        if not SyncWizardRunPage.objectName():
            SyncWizardRunPage.setObjectName(u"SyncWizardRunPage")
        self.pageLayout = QVBoxLayout(SyncWizardRunPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.scrollArea = QScrollArea(SyncWizardRunPage)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.rowsWidget = QWidget()
        self.rowsWidget.setObjectName(u"rowsWidget")
        self.rowsLayout = QGridLayout(self.rowsWidget)
        self.rowsLayout.setObjectName(u"rowsLayout")
        self.rowsLayout.setHorizontalSpacing(12)
        self.scrollArea.setWidget(self.rowsWidget)

        self.pageLayout.addWidget(self.scrollArea)

        self.cancelRow = QHBoxLayout()
        self.cancelRow.setObjectName(u"cancelRow")
        self.runStatus = QLabel(SyncWizardRunPage)
        self.runStatus.setObjectName(u"runStatus")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.runStatus.sizePolicy().hasHeightForWidth())
        self.runStatus.setSizePolicy(sizePolicy)
        self.runStatus.setWordWrap(True)

        self.cancelRow.addWidget(self.runStatus)

        self.stopButton = QPushButton(SyncWizardRunPage)
        self.stopButton.setObjectName(u"stopButton")

        self.cancelRow.addWidget(self.stopButton)


        self.pageLayout.addLayout(self.cancelRow)


        self.retranslateUi(SyncWizardRunPage)

        QMetaObject.connectSlotsByName(SyncWizardRunPage)
    # setupUi

    def retranslateUi(self, SyncWizardRunPage):
        SyncWizardRunPage.setTitle(QCoreApplication.translate("SyncWizardRunPage", u"Synchronisation en cours", None))
        SyncWizardRunPage.setSubTitle(QCoreApplication.translate("SyncWizardRunPage", u"Vous pouvez continuer \u00e0 travailler ; \u00ab Arr\u00eater \u00bb interrompt proprement entre deux lots.", None))
        self.stopButton.setText(QCoreApplication.translate("SyncWizardRunPage", u"Arr\u00eater", None))
    # retranslateUi

