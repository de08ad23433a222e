# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'action_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QSpinBox, QTimeEdit,
    QVBoxLayout, QWidget)

class Ui_ActionDialog(object):
    def setupUi(self, ActionDialog):
        if not ActionDialog.objectName():
            ActionDialog.setObjectName(u"ActionDialog")
        ActionDialog.resize(560, 620)
        self.mainLayout = QVBoxLayout(ActionDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.readOnlyLabel = QLabel(ActionDialog)
        self.readOnlyLabel.setObjectName(u"readOnlyLabel")
        self.readOnlyLabel.setWordWrap(True)
        self.readOnlyLabel.setStyleSheet(u"QLabel { background: #fff4e5; border: 1px solid #f0b45a; border-radius: 4px; padding: 6px; color: #5f3b00; }")

        self.mainLayout.addWidget(self.readOnlyLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.ownerCaption = QLabel(ActionDialog)
        self.ownerCaption.setObjectName(u"ownerCaption")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.ownerCaption)

        self.ownerValue = QLabel(ActionDialog)
        self.ownerValue.setObjectName(u"ownerValue")
        self.ownerValue.setText(u"")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.ownerValue)

        self.titleCaption = QLabel(ActionDialog)
        self.titleCaption.setObjectName(u"titleCaption")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleCaption)

        self.titleEdit = QLineEdit(ActionDialog)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(255)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.typeCaption = QLabel(ActionDialog)
        self.typeCaption.setObjectName(u"typeCaption")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.typeCaption)

        self.typeCombo = QComboBox(ActionDialog)
        self.typeCombo.setObjectName(u"typeCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.locationCaption = QLabel(ActionDialog)
        self.locationCaption.setObjectName(u"locationCaption")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.locationCaption)

        self.locationEdit = QLineEdit(ActionDialog)
        self.locationEdit.setObjectName(u"locationEdit")
        self.locationEdit.setMaxLength(255)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.locationEdit)

        self.allDayCheck = QCheckBox(ActionDialog)
        self.allDayCheck.setObjectName(u"allDayCheck")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.allDayCheck)

        self.startCaption = QLabel(ActionDialog)
        self.startCaption.setObjectName(u"startCaption")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.startCaption)

        self.startLayout = QHBoxLayout()
        self.startLayout.setObjectName(u"startLayout")
        self.startDate = QDateEdit(ActionDialog)
        self.startDate.setObjectName(u"startDate")
        self.startDate.setCalendarPopup(True)

        self.startLayout.addWidget(self.startDate)

        self.startTime = QTimeEdit(ActionDialog)
        self.startTime.setObjectName(u"startTime")
        self.startTime.setDisplayFormat(u"HH:mm")

        self.startLayout.addWidget(self.startTime)

        self.startSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.startLayout.addItem(self.startSpacer)


        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.startLayout)

        self.endCaption = QLabel(ActionDialog)
        self.endCaption.setObjectName(u"endCaption")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.endCaption)

        self.endLayout = QHBoxLayout()
        self.endLayout.setObjectName(u"endLayout")
        self.endDate = QDateEdit(ActionDialog)
        self.endDate.setObjectName(u"endDate")
        self.endDate.setCalendarPopup(True)

        self.endLayout.addWidget(self.endDate)

        self.endTime = QTimeEdit(ActionDialog)
        self.endTime.setObjectName(u"endTime")
        self.endTime.setDisplayFormat(u"HH:mm")

        self.endLayout.addWidget(self.endTime)

        self.durationLabel = QLabel(ActionDialog)
        self.durationLabel.setObjectName(u"durationLabel")
        self.durationLabel.setText(u"")

        self.endLayout.addWidget(self.durationLabel)

        self.endSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.endLayout.addItem(self.endSpacer)


        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.endLayout)

        self.siteCaption = QLabel(ActionDialog)
        self.siteCaption.setObjectName(u"siteCaption")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.siteCaption)

        self.siteCombo = QComboBox(ActionDialog)
        self.siteCombo.setObjectName(u"siteCombo")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.siteCombo)

        self.optionsLayout = QHBoxLayout()
        self.optionsLayout.setObjectName(u"optionsLayout")
        self.privateCheck = QCheckBox(ActionDialog)
        self.privateCheck.setObjectName(u"privateCheck")

        self.optionsLayout.addWidget(self.privateCheck)

        self.reminderCheck = QCheckBox(ActionDialog)
        self.reminderCheck.setObjectName(u"reminderCheck")

        self.optionsLayout.addWidget(self.reminderCheck)

        self.reminderSpin = QSpinBox(ActionDialog)
        self.reminderSpin.setObjectName(u"reminderSpin")
        self.reminderSpin.setMaximum(40320)
        self.reminderSpin.setSingleStep(5)
        self.reminderSpin.setValue(15)

        self.optionsLayout.addWidget(self.reminderSpin)

        self.optionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.optionsLayout.addItem(self.optionsSpacer)


        self.formLayout.setLayout(8, QFormLayout.ItemRole.FieldRole, self.optionsLayout)

        self.repeatCaption = QLabel(ActionDialog)
        self.repeatCaption.setObjectName(u"repeatCaption")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.repeatCaption)

        self.repeatLayout = QHBoxLayout()
        self.repeatLayout.setObjectName(u"repeatLayout")
        self.repeatCombo = QComboBox(ActionDialog)
        self.repeatCombo.addItem("")
        self.repeatCombo.addItem("")
        self.repeatCombo.addItem("")
        self.repeatCombo.addItem("")
        self.repeatCombo.setObjectName(u"repeatCombo")

        self.repeatLayout.addWidget(self.repeatCombo)

        self.repeatEndCombo = QComboBox(ActionDialog)
        self.repeatEndCombo.addItem("")
        self.repeatEndCombo.addItem("")
        self.repeatEndCombo.setObjectName(u"repeatEndCombo")

        self.repeatLayout.addWidget(self.repeatEndCombo)

        self.repeatCountSpin = QSpinBox(ActionDialog)
        self.repeatCountSpin.setObjectName(u"repeatCountSpin")
        self.repeatCountSpin.setMinimum(2)
        self.repeatCountSpin.setMaximum(500)
        self.repeatCountSpin.setValue(10)

        self.repeatLayout.addWidget(self.repeatCountSpin)

        self.repeatUntilDate = QDateEdit(ActionDialog)
        self.repeatUntilDate.setObjectName(u"repeatUntilDate")
        self.repeatUntilDate.setCalendarPopup(True)

        self.repeatLayout.addWidget(self.repeatUntilDate)

        self.seriesRuleLabel = QLabel(ActionDialog)
        self.seriesRuleLabel.setObjectName(u"seriesRuleLabel")
        self.seriesRuleLabel.setText(u"")
        self.seriesRuleLabel.setWordWrap(True)
        self.seriesRuleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.repeatLayout.addWidget(self.seriesRuleLabel)

        self.repeatSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.repeatLayout.addItem(self.repeatSpacer)


        self.formLayout.setLayout(9, QFormLayout.ItemRole.FieldRole, self.repeatLayout)


        self.mainLayout.addLayout(self.formLayout)

        self.descriptionCaption = QLabel(ActionDialog)
        self.descriptionCaption.setObjectName(u"descriptionCaption")

        self.mainLayout.addWidget(self.descriptionCaption)

        self.descriptionEdit = QPlainTextEdit(ActionDialog)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.mainLayout.addWidget(self.descriptionEdit)

        self.errorLabel = QLabel(ActionDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet(u"QLabel { color: #b00020; font-weight: bold; }")

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ActionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.titleCaption.setBuddy(self.titleEdit)
        self.typeCaption.setBuddy(self.typeCombo)
        self.locationCaption.setBuddy(self.locationEdit)
        self.startCaption.setBuddy(self.startDate)
        self.endCaption.setBuddy(self.endDate)
        self.siteCaption.setBuddy(self.siteCombo)
        self.repeatCaption.setBuddy(self.repeatCombo)
        self.descriptionCaption.setBuddy(self.descriptionEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.typeCombo)
        QWidget.setTabOrder(self.typeCombo, self.locationEdit)
        QWidget.setTabOrder(self.locationEdit, self.allDayCheck)
        QWidget.setTabOrder(self.allDayCheck, self.startDate)
        QWidget.setTabOrder(self.startDate, self.startTime)
        QWidget.setTabOrder(self.startTime, self.endDate)
        QWidget.setTabOrder(self.endDate, self.endTime)
        QWidget.setTabOrder(self.endTime, self.siteCombo)
        QWidget.setTabOrder(self.siteCombo, self.privateCheck)
        QWidget.setTabOrder(self.privateCheck, self.reminderCheck)
        QWidget.setTabOrder(self.reminderCheck, self.reminderSpin)
        QWidget.setTabOrder(self.reminderSpin, self.repeatCombo)
        QWidget.setTabOrder(self.repeatCombo, self.repeatEndCombo)
        QWidget.setTabOrder(self.repeatEndCombo, self.repeatCountSpin)
        QWidget.setTabOrder(self.repeatCountSpin, self.repeatUntilDate)
        QWidget.setTabOrder(self.repeatUntilDate, self.descriptionEdit)

        self.retranslateUi(ActionDialog)

        QMetaObject.connectSlotsByName(ActionDialog)
    # setupUi

    def retranslateUi(self, ActionDialog):
        ActionDialog.setWindowTitle(QCoreApplication.translate("ActionDialog", u"Action", None))
        self.readOnlyLabel.setText(QCoreApplication.translate("ActionDialog", u"Cette action est une invitation re\u00e7ue sur Google : seul son organisateur peut la modifier.", None))
        self.ownerCaption.setText(QCoreApplication.translate("ActionDialog", u"Agenda de :", None))
        self.titleCaption.setText(QCoreApplication.translate("ActionDialog", u"&Titre :", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("ActionDialog", u"Objet de l'action", None))
        self.typeCaption.setText(QCoreApplication.translate("ActionDialog", u"T&ype :", None))
        self.locationCaption.setText(QCoreApplication.translate("ActionDialog", u"&Lieu :", None))
        self.allDayCheck.setText(QCoreApplication.translate("ActionDialog", u"Toute la &journ\u00e9e", None))
        self.startCaption.setText(QCoreApplication.translate("ActionDialog", u"&D\u00e9but :", None))
        self.endCaption.setText(QCoreApplication.translate("ActionDialog", u"&Fin :", None))
        self.siteCaption.setText(QCoreApplication.translate("ActionDialog", u"&Site :", None))
        self.privateCheck.setText(QCoreApplication.translate("ActionDialog", u"&Priv\u00e9e", None))
        self.reminderCheck.setText(QCoreApplication.translate("ActionDialog", u"&Rappel", None))
        self.reminderSpin.setSuffix(QCoreApplication.translate("ActionDialog", u" min avant", None))
        self.repeatCaption.setText(QCoreApplication.translate("ActionDialog", u"R\u00e9&p\u00e9tition :", None))
        self.repeatCombo.setItemText(0, QCoreApplication.translate("ActionDialog", u"Aucune", None))
        self.repeatCombo.setItemText(1, QCoreApplication.translate("ActionDialog", u"Tous les jours", None))
        self.repeatCombo.setItemText(2, QCoreApplication.translate("ActionDialog", u"Toutes les semaines", None))
        self.repeatCombo.setItemText(3, QCoreApplication.translate("ActionDialog", u"Tous les mois", None))

        self.repeatEndCombo.setItemText(0, QCoreApplication.translate("ActionDialog", u"Nombre de fois :", None))
        self.repeatEndCombo.setItemText(1, QCoreApplication.translate("ActionDialog", u"Jusqu'au :", None))

        self.descriptionCaption.setText(QCoreApplication.translate("ActionDialog", u"D&escription :", None))
    # retranslateUi

