# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_wizard_preview.ui'
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

class Ui_SyncWizardPreviewPage(object):
    def setupUi(self, SyncWizardPreviewPage):
        if not SyncWizardPreviewPage.objectName():
            SyncWizardPreviewPage.setObjectName(u"SyncWizardPreviewPage")
        self.pageLayout = QVBoxLayout(SyncWizardPreviewPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.previewStatus = QLabel(SyncWizardPreviewPage)
        self.previewStatus.setObjectName(u"previewStatus")
        self.previewStatus.setWordWrap(True)

        self.pageLayout.addWidget(self.previewStatus)

        self.previewTree = QTreeWidget(SyncWizardPreviewPage)
        self.previewTree.setObjectName(u"previewTree")
        self.previewTree.setAlternatingRowColors(True)

        self.pageLayout.addWidget(self.previewTree)


        self.retranslateUi(SyncWizardPreviewPage)

        QMetaObject.connectSlotsByName(SyncWizardPreviewPage)
    # setupUi

    def retranslateUi(self, SyncWizardPreviewPage):
        SyncWizardPreviewPage.setTitle(QCoreApplication.translate("SyncWizardPreviewPage", u"Aper\u00e7u", None))
        SyncWizardPreviewPage.setSubTitle(QCoreApplication.translate("SyncWizardPreviewPage", u"Ce que la synchronisation va changer. Rien n'est encore modifi\u00e9.", None))
        ___qtreewidgetitem = self.previewTree.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("SyncWizardPreviewPage", u"D\u00e9tail", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("SyncWizardPreviewPage", u"C\u00f4t\u00e9", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SyncWizardPreviewPage", u"Utilisateur / op\u00e9ration", None))
    # retranslateUi

