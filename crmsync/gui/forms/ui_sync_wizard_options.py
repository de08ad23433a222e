# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_wizard_options.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QRadioButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_SyncWizardOptionsPage(object):
    def setupUi(self, SyncWizardOptionsPage):
        if not SyncWizardOptionsPage.objectName():
            SyncWizardOptionsPage.setObjectName(u"SyncWizardOptionsPage")
        self.pageLayout = QVBoxLayout(SyncWizardOptionsPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.whatGroup = QGroupBox(SyncWizardOptionsPage)
        self.whatGroup.setObjectName(u"whatGroup")
        self.whatLayout = QVBoxLayout(self.whatGroup)
        self.whatLayout.setObjectName(u"whatLayout")
        self.agendaCheck = QCheckBox(self.whatGroup)
        self.agendaCheck.setObjectName(u"agendaCheck")
        self.agendaCheck.setChecked(True)

        self.whatLayout.addWidget(self.agendaCheck)

        self.contactsCheck = QCheckBox(self.whatGroup)
        self.contactsCheck.setObjectName(u"contactsCheck")

        self.whatLayout.addWidget(self.contactsCheck)


        self.pageLayout.addWidget(self.whatGroup)

        self.kindGroup = QGroupBox(SyncWizardOptionsPage)
        self.kindGroup.setObjectName(u"kindGroup")
        self.kindLayout = QVBoxLayout(self.kindGroup)
        self.kindLayout.setObjectName(u"kindLayout")
        self.normalRadio = QRadioButton(self.kindGroup)
        self.normalRadio.setObjectName(u"normalRadio")
        self.normalRadio.setChecked(True)

        self.kindLayout.addWidget(self.normalRadio)

        self.fullRadio = QRadioButton(self.kindGroup)
        self.fullRadio.setObjectName(u"fullRadio")

        self.kindLayout.addWidget(self.fullRadio)

        self.firstRow = QHBoxLayout()
        self.firstRow.setObjectName(u"firstRow")
        self.firstRadio = QRadioButton(self.kindGroup)
        self.firstRadio.setObjectName(u"firstRadio")

        self.firstRow.addWidget(self.firstRadio)

        self.daysSpin = QSpinBox(self.kindGroup)
        self.daysSpin.setObjectName(u"daysSpin")
        self.daysSpin.setMinimum(1)
        self.daysSpin.setMaximum(3650)
        self.daysSpin.setValue(30)

        self.firstRow.addWidget(self.daysSpin)

        self.daysLabel = QLabel(self.kindGroup)
        self.daysLabel.setObjectName(u"daysLabel")

        self.firstRow.addWidget(self.daysLabel)

        self.firstSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.firstRow.addItem(self.firstSpacer)


        self.kindLayout.addLayout(self.firstRow)


        self.pageLayout.addWidget(self.kindGroup)

        self.deletionsGroup = QGroupBox(SyncWizardOptionsPage)
        self.deletionsGroup.setObjectName(u"deletionsGroup")
        self.deletionsLayout = QFormLayout(self.deletionsGroup)
        self.deletionsLayout.setObjectName(u"deletionsLayout")
        self.deletionsLabel = QLabel(self.deletionsGroup)
        self.deletionsLabel.setObjectName(u"deletionsLabel")

        self.deletionsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.deletionsLabel)

        self.deletionsCombo = QComboBox(self.deletionsGroup)
        self.deletionsCombo.setObjectName(u"deletionsCombo")

        self.deletionsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.deletionsCombo)


        self.pageLayout.addWidget(self.deletionsGroup)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)

#if QT_CONFIG(shortcut)
        self.deletionsLabel.setBuddy(self.deletionsCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SyncWizardOptionsPage)

        QMetaObject.connectSlotsByName(SyncWizardOptionsPage)
    # setupUi

    def retranslateUi(self, SyncWizardOptionsPage):
        SyncWizardOptionsPage.setTitle(QCoreApplication.translate("SyncWizardOptionsPage", u"Que synchroniser ?", None))
        SyncWizardOptionsPage.setSubTitle(QCoreApplication.translate("SyncWizardOptionsPage", u"Choisissez les donn\u00e9es et le type de synchronisation.", None))
        self.whatGroup.setTitle(QCoreApplication.translate("SyncWizardOptionsPage", u"Donn\u00e9es", None))
        self.agendaCheck.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Agenda", None))
        self.contactsCheck.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Contacts", None))
        self.kindGroup.setTitle(QCoreApplication.translate("SyncWizardOptionsPage", u"Type de synchronisation", None))
        self.normalRadio.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Normale : seulement ce qui a chang\u00e9 depuis la derni\u00e8re synchronisation", None))
        self.fullRadio.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Forc\u00e9e : tout relire et tout comparer sur la p\u00e9riode", None))
        self.firstRadio.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Premi\u00e8re synchronisation des", None))
        self.daysLabel.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"derniers jours", None))
        self.deletionsGroup.setTitle(QCoreApplication.translate("SyncWizardOptionsPage", u"\u00c9v\u00e9nements supprim\u00e9s dans Google", None))
        self.deletionsLabel.setText(QCoreApplication.translate("SyncWizardOptionsPage", u"Actions correspondantes :", None))
    # retranslateUi

