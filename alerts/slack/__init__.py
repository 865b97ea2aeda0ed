"""The Slack app (slack-bolt): the alert's buttons, the edit and reply modals, and ``/repmon``.

It stands on the alerts layer alone: every change to an incident goes through the
:class:`~alerts.slack.actions.IncidentActions` protocol, which the application implements on
top of its store. Socket Mode and HTTP (signed requests) are both served by :mod:`alerts.slack.serve`.
"""
