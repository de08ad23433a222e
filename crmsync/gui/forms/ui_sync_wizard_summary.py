# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_wizard_summary.ui'
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
from PySide6.QtWidgets import (QApplication, QHeaderView, QLabel, QSizePolicy,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_SyncWizardSummaryPage(object):
    def setupUi(self, SyncWizardSummaryPage):
        if not SyncWizardSummaryPage.objectName():
            SyncWizardSummaryPage.setObjectName(u"SyncWizardSummaryPage")
        self.pageLayout = QVBoxLayout(SyncWizardSummaryPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summaryTree = QTreeWidget(SyncWizardSummaryPage)
        self.summaryTree.setObjectName(u"summaryTree")
        self.summaryTree.setRootIsDecorated(True)
        self.summaryTree.setAlternatingRowColors(True)

        self.pageLayout.addWidget(self.summaryTree)

        self.logLinks = QLabel(SyncWizardSummaryPage)
        self.logLinks.setObjectName(u"logLinks")
        self.logLinks.setTextFormat(Qt.TextFormat.RichText)
        self.logLinks.setWordWrap(True)

        self.pageLayout.addWidget(self.logLinks)


        self.retranslateUi(SyncWizardSummaryPage)

        QMetaObject.connectSlotsByName(SyncWizardSummaryPage)
    # setupUi

    def retranslateUi(self, SyncWizardSummaryPage):
        SyncWizardSummaryPage.setTitle(QCoreApplication.translate("SyncWizardSummaryPage", u"R\u00e9sum\u00e9", None))
        SyncWizardSummaryPage.setSubTitle(QCoreApplication.translate("SyncWizardSummaryPage", u"Ce que la synchronisation a fait, utilisateur par utilisateur.", None))
        ___qtreewidgetitem = self.summaryTree.headerItem()
        ___qtreewidgetitem.setText(6, QCoreApplication.translate("SyncWizardSummaryPage", u"Erreurs", None))
        ___qtreewidgetitem.setText(5, QCoreApplication.translate("SyncWizardSummaryPage", u"Hors limite", None))
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("SyncWizardSummaryPage", u"Conflits", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("SyncWizardSummaryPage", u"Supprim\u00e9s", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("SyncWizardSummaryPage", u"Modifi\u00e9s", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("SyncWizardSummaryPage", u"Cr\u00e9\u00e9s", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SyncWizardSummaryPage", u"Utilisateur", None))
    # retranslateUi

