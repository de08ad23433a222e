"""The agenda: a week of actions of one or several users, edited in place."""
