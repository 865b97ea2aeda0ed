"""Spread detection: is an upset customer's voice starting to travel?

Three independent signals, each explained in words on the alert:
- velocity: engagement per hour far above this source's own recent median (``baseline.py``);
- echo: distinct authors repeating the complaint, by near-identical wording or negative
  replies (``echo.py``);
- reach: a high-reach author (or a listed key customer) whose complaint is gaining traction.
``detector.py`` combines them into a score and a level.
"""
