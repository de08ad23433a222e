# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_log.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QVBoxLayout, QWidget)

class Ui_SyncLogWindow(object):
    def setupUi(self, SyncLogWindow):
        if not SyncLogWindow.objectName():
            SyncLogWindow.setObjectName(u"SyncLogWindow")
        SyncLogWindow.resize(1180, 660)
        self.main_layout = QVBoxLayout(SyncLogWindow)
        self.main_layout.setObjectName(u"main_layout")
        self.filters_layout = QHBoxLayout()
        self.filters_layout.setSpacing(8)
        self.filters_layout.setObjectName(u"filters_layout")
        self.user_caption = QLabel(SyncLogWindow)
        self.user_caption.setObjectName(u"user_caption")

        self.filters_layout.addWidget(self.user_caption)

        self.user_combo = QComboBox(SyncLogWindow)
        self.user_combo.setObjectName(u"user_combo")
        self.user_combo.setMinimumContentsLength(16)

        self.filters_layout.addWidget(self.user_combo)

        self.from_caption = QLabel(SyncLogWindow)
        self.from_caption.setObjectName(u"from_caption")

        self.filters_layout.addWidget(self.from_caption)

        self.from_date = QDateEdit(SyncLogWindow)
        self.from_date.setObjectName(u"from_date")
        self.from_date.setCalendarPopup(True)

        self.filters_layout.addWidget(self.from_date)

        self.to_caption = QLabel(SyncLogWindow)
        self.to_caption.setObjectName(u"to_caption")

        self.filters_layout.addWidget(self.to_caption)

        self.to_date = QDateEdit(SyncLogWindow)
        self.to_date.setObjectName(u"to_date")
        self.to_date.setCalendarPopup(True)

        self.filters_layout.addWidget(self.to_date)

        self.result_caption = QLabel(SyncLogWindow)
        self.result_caption.setObjectName(u"result_caption")

        self.filters_layout.addWidget(self.result_caption)

        self.result_combo = QComboBox(SyncLogWindow)
        self.result_combo.setObjectName(u"result_combo")

        self.filters_layout.addWidget(self.result_combo)

        self.filters_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filters_layout.addItem(self.filters_spacer)

        self.refresh_button = QPushButton(SyncLogWindow)
        self.refresh_button.setObjectName(u"refresh_button")

        self.filters_layout.addWidget(self.refresh_button)


        self.main_layout.addLayout(self.filters_layout)

        self.splitter = QSplitter(SyncLogWindow)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.details = QPlainTextEdit(self.splitter)
        self.details.setObjectName(u"details")
        self.details.setReadOnly(True)
        self.splitter.addWidget(self.details)

        self.main_layout.addWidget(self.splitter)

        self.count_label = QLabel(SyncLogWindow)
        self.count_label.setObjectName(u"count_label")

        self.main_layout.addWidget(self.count_label)

#if QT_CONFIG(shortcut)
        self.user_caption.setBuddy(self.user_combo)
        self.from_caption.setBuddy(self.from_date)
        self.to_caption.setBuddy(self.to_date)
        self.result_caption.setBuddy(self.result_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SyncLogWindow)

        QMetaObject.connectSlotsByName(SyncLogWindow)
    # setupUi

    def retranslateUi(self, SyncLogWindow):
        SyncLogWindow.setWindowTitle(QCoreApplication.translate("SyncLogWindow", u"Journal de synchronisation", None))
        self.user_caption.setText(QCoreApplication.translate("SyncLogWindow", u"Utilisateur :", None))
        self.from_caption.setText(QCoreApplication.translate("SyncLogWindow", u"Du :", None))
        self.to_caption.setText(QCoreApplication.translate("SyncLogWindow", u"au :", None))
        self.result_caption.setText(QCoreApplication.translate("SyncLogWindow", u"R\u00e9sultat :", None))
        self.refresh_button.setText(QCoreApplication.translate("SyncLogWindow", u"Actualiser", None))
        self.details.setPlaceholderText(QCoreApplication.translate("SyncLogWindow", u"Choisissez une ligne pour en voir le d\u00e9tail.", None))
    # retranslateUi

