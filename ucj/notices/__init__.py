"""Emails the tracker sends on its own: reminders of months not reported, overdue commitments, monthly summaries.

Also the account page where a user turns them off, asks for the summary and picks their language.
"""
