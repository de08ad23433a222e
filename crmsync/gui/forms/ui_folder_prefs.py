# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'folder_prefs.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTabWidget, QVBoxLayout,
    QWidget)

class Ui_FolderPrefsDialog(object):
    def setupUi(self, FolderPrefsDialog):
        if not FolderPrefsDialog.objectName():
            FolderPrefsDialog.setObjectName(u"FolderPrefsDialog")
        FolderPrefsDialog.resize(640, 340)
        self.main_layout = QVBoxLayout(FolderPrefsDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.tabs = QTabWidget(FolderPrefsDialog)
        self.tabs.setObjectName(u"tabs")
        self.auth_tab = QWidget()
        self.auth_tab.setObjectName(u"auth_tab")
        self.auth_layout = QVBoxLayout(self.auth_tab)
        self.auth_layout.setObjectName(u"auth_layout")
        self.auth_form = QFormLayout()
        self.auth_form.setObjectName(u"auth_form")
        self.auth_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.auth_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.service_caption = QLabel(self.auth_tab)
        self.service_caption.setObjectName(u"service_caption")

        self.auth_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.service_caption)

        self.service_combo = QComboBox(self.auth_tab)
        self.service_combo.setObjectName(u"service_combo")

        self.auth_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.service_combo)

        self.client_id_caption = QLabel(self.auth_tab)
        self.client_id_caption.setObjectName(u"client_id_caption")

        self.auth_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.client_id_caption)

        self.client_id_edit = QLineEdit(self.auth_tab)
        self.client_id_edit.setObjectName(u"client_id_edit")

        self.auth_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.client_id_edit)

        self.secret_caption = QLabel(self.auth_tab)
        self.secret_caption.setObjectName(u"secret_caption")

        self.auth_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.secret_caption)

        self.secret_layout = QHBoxLayout()
        self.secret_layout.setObjectName(u"secret_layout")
        self.secret_edit = QLineEdit(self.auth_tab)
        self.secret_edit.setObjectName(u"secret_edit")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.secret_layout.addWidget(self.secret_edit)

        self.forget_secret_button = QPushButton(self.auth_tab)
        self.forget_secret_button.setObjectName(u"forget_secret_button")

        self.secret_layout.addWidget(self.forget_secret_button)


        self.auth_form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.secret_layout)

        self.api_key_caption = QLabel(self.auth_tab)
        self.api_key_caption.setObjectName(u"api_key_caption")

        self.auth_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.api_key_caption)

        self.api_key_edit = QLineEdit(self.auth_tab)
        self.api_key_edit.setObjectName(u"api_key_edit")

        self.auth_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.api_key_edit)

        self.testing_check = QCheckBox(self.auth_tab)
        self.testing_check.setObjectName(u"testing_check")

        self.auth_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.testing_check)


        self.auth_layout.addLayout(self.auth_form)

        self.store_label = QLabel(self.auth_tab)
        self.store_label.setObjectName(u"store_label")
        self.store_label.setWordWrap(True)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)

        self.auth_layout.addWidget(self.store_label)

        self.file_store_check = QCheckBox(self.auth_tab)
        self.file_store_check.setObjectName(u"file_store_check")

        self.auth_layout.addWidget(self.file_store_check)

        self.auth_spacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.auth_layout.addItem(self.auth_spacer)

        self.tabs.addTab(self.auth_tab, "")
        self.general_tab = QWidget()
        self.general_tab.setObjectName(u"general_tab")
        self.general_layout = QVBoxLayout(self.general_tab)
        self.general_layout.setObjectName(u"general_layout")
        self.general_form = QFormLayout()
        self.general_form.setObjectName(u"general_form")
        self.general_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.language_caption = QLabel(self.general_tab)
        self.language_caption.setObjectName(u"language_caption")

        self.general_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.language_caption)

        self.language_combo = QComboBox(self.general_tab)
        self.language_combo.setObjectName(u"language_combo")

        self.general_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.language_combo)

        self.poll_caption = QLabel(self.general_tab)
        self.poll_caption.setObjectName(u"poll_caption")

        self.general_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.poll_caption)

        self.poll_spin = QSpinBox(self.general_tab)
        self.poll_spin.setObjectName(u"poll_spin")
        self.poll_spin.setMinimum(0)
        self.poll_spin.setMaximum(1440)

        self.general_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.poll_spin)

        self.label_caption = QLabel(self.general_tab)
        self.label_caption.setObjectName(u"label_caption")

        self.general_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_caption)

        self.contacts_label_edit = QLineEdit(self.general_tab)
        self.contacts_label_edit.setObjectName(u"contacts_label_edit")
        self.contacts_label_edit.setMaxLength(60)

        self.general_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.contacts_label_edit)


        self.general_layout.addLayout(self.general_form)

        self.language_note = QLabel(self.general_tab)
        self.language_note.setObjectName(u"language_note")
        self.language_note.setWordWrap(True)

        self.general_layout.addWidget(self.language_note)

        self.general_spacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.general_layout.addItem(self.general_spacer)

        self.tabs.addTab(self.general_tab, "")

        self.main_layout.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(FolderPrefsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.service_caption.setBuddy(self.service_combo)
        self.client_id_caption.setBuddy(self.client_id_edit)
        self.secret_caption.setBuddy(self.secret_edit)
        self.api_key_caption.setBuddy(self.api_key_edit)
        self.language_caption.setBuddy(self.language_combo)
        self.poll_caption.setBuddy(self.poll_spin)
        self.label_caption.setBuddy(self.contacts_label_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.service_combo)
        QWidget.setTabOrder(self.service_combo, self.client_id_edit)
        QWidget.setTabOrder(self.client_id_edit, self.secret_edit)
        QWidget.setTabOrder(self.secret_edit, self.forget_secret_button)
        QWidget.setTabOrder(self.forget_secret_button, self.api_key_edit)
        QWidget.setTabOrder(self.api_key_edit, self.testing_check)
        QWidget.setTabOrder(self.testing_check, self.file_store_check)
        QWidget.setTabOrder(self.file_store_check, self.language_combo)
        QWidget.setTabOrder(self.language_combo, self.poll_spin)
        QWidget.setTabOrder(self.poll_spin, self.contacts_label_edit)

        self.retranslateUi(FolderPrefsDialog)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(FolderPrefsDialog)
    # setupUi

    def retranslateUi(self, FolderPrefsDialog):
        FolderPrefsDialog.setWindowTitle(QCoreApplication.translate("FolderPrefsDialog", u"Pr\u00e9f\u00e9rences dossier", None))
        self.service_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Service :", None))
        self.client_id_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Identifiant client :", None))
        self.client_id_edit.setPlaceholderText(QCoreApplication.translate("FolderPrefsDialog", u"\u2026apps.googleusercontent.com", None))
        self.secret_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Code secret du client :", None))
        self.forget_secret_button.setText(QCoreApplication.translate("FolderPrefsDialog", u"Effacer", None))
#if QT_CONFIG(tooltip)
        self.forget_secret_button.setToolTip(QCoreApplication.translate("FolderPrefsDialog", u"Retirer le code secret enregistr\u00e9 du trousseau", None))
#endif // QT_CONFIG(tooltip)
        self.api_key_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Clef API (facultative) :", None))
        self.testing_check.setText(QCoreApplication.translate("FolderPrefsDialog", u"\u00c9cran de consentement en mode \u00ab Test \u00bb (les autorisations expirent apr\u00e8s 7 jours)", None))
        self.file_store_check.setText(QCoreApplication.translate("FolderPrefsDialog", u"Ranger les secrets dans un fichier prot\u00e9g\u00e9 (lisible par moi seul) du dossier de donn\u00e9es", None))
        self.tabs.setTabText(self.tabs.indexOf(self.auth_tab), QCoreApplication.translate("FolderPrefsDialog", u"Authentification", None))
        self.language_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Langue de l'interface :", None))
        self.poll_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Rel\u00e8ve Google toutes les :", None))
        self.poll_spin.setSuffix(QCoreApplication.translate("FolderPrefsDialog", u" min", None))
        self.poll_spin.setSpecialValueText(QCoreApplication.translate("FolderPrefsDialog", u"Jamais", None))
        self.label_caption.setText(QCoreApplication.translate("FolderPrefsDialog", u"Libell\u00e9 des contacts synchronis\u00e9s :", None))
        self.language_note.setText(QCoreApplication.translate("FolderPrefsDialog", u"La langue choisie s'applique aussi \u00e0 la ligne de commande ; elle prend effet au prochain d\u00e9marrage des autres postes.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.general_tab), QCoreApplication.translate("FolderPrefsDialog", u"G\u00e9n\u00e9ral", None))
    # retranslateUi

