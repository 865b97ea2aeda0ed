"""Alerts: reply drafting, the tone check, and delivery to Slack or the console."""
